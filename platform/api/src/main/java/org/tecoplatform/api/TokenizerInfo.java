package org.tecoplatform.api;

/**
 * A tokenizer's contract: frames of {@code imageSize}² pixels become grids of
 * {@code latentHeight}×{@code latentWidth} codes out of {@code codes}, each code a vector of
 * {@code embeddingDim}.
 */
public record TokenizerInfo(int codes, int embeddingDim, int latentHeight, int latentWidth, int imageSize) {
}
