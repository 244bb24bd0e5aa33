package org.tecoplatform.launcher.natives;

/**
 * The ND4J native build this JVM loads, and why.
 *
 * @param build  the build
 * @param forced whether the user named it ({@link NativeBuilds#ENV}) rather than the CPU deciding
 * @param reason the CPU features that decided it, in words
 * @param cpu    the CPU it was chosen for
 */
public record NativeBuildChoice(NativeBuild build, boolean forced, String reason, CpuFeatures cpu) {

    /** One line for {@code teco --version} and {@code teco bundles}. */
    public String describe() {
        return build.classifier() + " (" + (forced ? "forced: " : "chosen for this CPU: ") + reason + ")";
    }
}
