/**
 * The MaskGit dynamics prior ({@code maskgit}): the network ({@link MaskGitNetwork}, written once
 * against the modelling kit's {@code Ops}), the mask schedule of its training loss
 * ({@link MaskSchedule}) and its draft-and-revise sampler ({@link ChunkPlan}, with the kit's
 * {@link org.tecoplatform.nn.prior.CategoricalSampler}). Private to the bundle: TECO reaches it only through the
 * {@link org.tecoplatform.nn.prior.PriorFactory} service {@link MaskGitPrior} registers.
 */
package org.tecoplatform.prior.maskgit;
