/**
 * Reads and writes numpy {@code .npy} arrays and {@code .npz} archives (what {@code np.save},
 * {@code np.savez} and {@code np.savez_compressed} write), with nothing but the JDK.
 *
 * <p>Reading is bounded: an array is only allocated after its header's declared size has been
 * checked against the zip entry and a cap, so a hostile file cannot exhaust memory. Anything
 * malformed raises {@link org.tecoplatform.npz.NpzFormatException} naming the file, the member,
 * what was expected and what was found. Writing reproduces numpy's bytes (npy format 1.0),
 * deterministically and atomically.
 */
@Export
@Version("1.0.0")
package org.tecoplatform.npz;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
