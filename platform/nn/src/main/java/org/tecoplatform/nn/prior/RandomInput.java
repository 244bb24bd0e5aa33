package org.tecoplatform.nn.prior;

/**
 * A float tensor of random values the prior's training loss needs for one batch. Priors draw
 * their randomness on the host ({@link PriorNetwork#drawRandom}) and receive it as graph inputs,
 * so a training run resumed from a checkpoint replays exactly the same masks.
 */
public record RandomInput(String name, int[] shape) {

    public RandomInput {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int size() {
        int n = 1;
        for (int s : shape) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }
}
