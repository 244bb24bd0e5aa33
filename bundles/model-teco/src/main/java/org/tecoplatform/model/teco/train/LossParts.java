package org.tecoplatform.model.teco.train;

import java.util.Locale;

/** TECO's loss and its parts for one step, or their means over a log interval. */
record LossParts(double loss, double recon, double trans, double commitment, double codebook, double perplexity) {

    static final LossParts ZERO = new LossParts(0, 0, 0, 0, 0, 0);

    LossParts plus(LossParts o) {
        return new LossParts(loss + o.loss, recon + o.recon, trans + o.trans, commitment + o.commitment, codebook + o.codebook,
                perplexity + o.perplexity);
    }

    LossParts over(long n) {
        return new LossParts(loss / n, recon / n, trans / n, commitment / n, codebook / n, perplexity / n);
    }

    boolean finite() {
        return Double.isFinite(loss) && Double.isFinite(recon) && Double.isFinite(trans) && Double.isFinite(commitment)
                && Double.isFinite(codebook);
    }

    String text() {
        return String.format(Locale.ROOT, "loss %.4f recon %.4f prior %.4f commit %.4f codebook %.4f ppl %.1f", loss, recon, trans,
                commitment, codebook, perplexity);
    }
}
