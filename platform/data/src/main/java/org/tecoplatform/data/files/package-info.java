/**
 * What file-based dataset readers share: finding a split's files in the original layouts and
 * the policy for bad files.
 */
@Export
@Version("1.0.0")
package org.tecoplatform.data.files;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
