/**
 * Writing files so that a crash, a kill or a full disk never leaves a partial one behind:
 * {@link org.tecoplatform.api.io.AtomicFiles}, the one writer every module and plugin uses.
 */
@Export
@Version("1.0.0")
package org.tecoplatform.api.io;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
