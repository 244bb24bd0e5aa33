package org.tecoplatform.model.teco.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tecoplatform.model.teco.TecoConfig;
import org.tecoplatform.nn.Conv;
import org.tecoplatform.nn.Dense;
import org.tecoplatform.nn.LayerNorm;
import org.tecoplatform.nn.Ops;
import org.tecoplatform.nn.ResNetBlock;
import org.tecoplatform.nn.Upsample2;

/**
 * Step 5 of the model: the decoder (base.py {@code ResNetDecoder}) predicts frame t's VQ-GAN
 * codes from deter_t and z_t.
 *
 * <p>Channel concat of deter and z → conv3×3 to {@code decoder.depths[0]} (the original takes the
 * first entry of the un-reversed list here) → for each depth of the reversed list but the last:
 * {@code blocks} residual blocks, nearest ×2 upsampling → {@code blocks} residual blocks at the
 * last → LayerNorm → dense to the VQ-GAN vocabulary.
 *
 * <p>Parameters as Flax names them: {@code decoder.Conv_0}, {@code decoder.ResNetBlock_i},
 * {@code decoder.LayerNorm_0}, {@code decoder.Dense_0}.
 */
public final class Decoder {

    public static final String NAME = "decoder";

    private Decoder() {
    }

    /**
     * @param deter {@code [N, h, w, E]}
     * @param z     {@code [N, h, w, E]}
     * @return logits {@code [N, H, W, vqCodes]}
     */
    public static <T> T apply(Ops<T> ops, TecoConfig cfg, T deter, T z) {
        List<Integer> depths = new ArrayList<>(cfg.decoderDepths());
        Collections.reverse(depths);
        T x = ops.concat(-1, List.of(deter, z));
        x = Conv.same(ops, NAME + ".Conv_0", x, cfg.decoderDepths().get(0), 3, true);
        int block = 0;
        for (int i = 0; i < depths.size() - 1; i++) {
            for (int j = 0; j < cfg.decoderBlocks(); j++) {
                x = ResNetBlock.apply(ops, NAME + ".ResNetBlock_" + block++, x, depths.get(i));
            }
            x = Upsample2.apply(ops, x);
        }
        for (int j = 0; j < cfg.decoderBlocks(); j++) {
            x = ResNetBlock.apply(ops, NAME + ".ResNetBlock_" + block++, x, depths.get(depths.size() - 1));
        }
        x = LayerNorm.apply(ops, NAME + ".LayerNorm_0", x);
        return Dense.apply(ops, NAME + ".Dense_0", x, cfg.vqCodes(), true);
    }
}
