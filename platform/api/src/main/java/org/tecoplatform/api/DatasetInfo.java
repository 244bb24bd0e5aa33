package org.tecoplatform.api;

import java.util.Map;
import java.util.Objects;

/**
 * What a dataset is: frame size, episode length and action space, and how many episodes
 * each split holds.
 *
 * @param name          the dataset plugin's name
 * @param height        frame height in pixels
 * @param width         frame width in pixels
 * @param channels      colour channels (3)
 * @param episodeLength frames per episode (-1 when episodes vary)
 * @param actionDim     number of real actions; the index {@code actionDim} means "no action"
 * @param episodes      episodes per split
 */
public record DatasetInfo(String name, int height, int width, int channels, int episodeLength, int actionDim,
                          Map<Split, Integer> episodes) {

    public DatasetInfo {
        Objects.requireNonNull(name, "name");
        episodes = Map.copyOf(episodes);
    }

    /** The action index that means "no action" (the last row of TECO's action table). */
    public int noAction() {
        return actionDim;
    }
}
