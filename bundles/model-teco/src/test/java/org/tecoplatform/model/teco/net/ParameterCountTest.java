package org.tecoplatform.model.teco.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tecoplatform.model.teco.TecoConfig;
import org.tecoplatform.model.teco.TecoModel;
import org.tecoplatform.nn.prior.PriorNetwork;

/**
 * DMLab's model has ~172.2 M parameters with the component sizes DESIGN.md §5 lists (read off
 * the original), counted without allocating them, with the real MaskGit prior at DMLab's sizes
 * (vocab_dim 256, embed 512, mlp 2048, 8 heads, 8 layers).
 */
class ParameterCountTest {

    @Test
    void dmlabBreakdown() {
        TecoConfig cfg = TecoConfig.dmlab();
        PriorNetwork maskGit = Tiny.maskGit(cfg, 256, 512, 2048, 8, 8);
        long start = System.nanoTime();
        Map<String, Long> parts = TecoModel.parameterBreakdown(cfg, maskGit);
        long total = TecoModel.parameterCount(cfg, maskGit);
        System.out.printf("counted in %.0f ms%n", (System.nanoTime() - start) / 1e6);
        parts.forEach((k, v) -> System.out.printf("  %-14s %,12d  (%.2f M)%n", k, v, v / 1e6));
        System.out.printf("  %-14s %,12d  (%.1f M)%n", "total", total, total / 1e6);

        assertThat(millions(parts.get("encoder"))).isEqualTo("9.90");
        assertThat(millions(parts.get("codebook"))).isEqualTo("0.04");
        assertThat(millions(parts.get("z_tfm"))).isEqualTo("102.87");
        assertThat(millions(parts.get("z_proj"))).isEqualTo("5.24");
        assertThat(millions(parts.get("z_unproj"))).isEqualTo("4.19");
        assertThat(millions(parts.get("decoder"))).isEqualTo("23.84");
        assertThat(millions(parts.get("prior"))).isEqualTo("26.05");
        assertThat(millions(parts.get("sos"))).isEqualTo("0.02");
        assertThat(parts.get("action_embeds")).isEqualTo(7 * 16);
        assertThat(parts.keySet()).containsExactlyInAnyOrder("encoder", "codebook", "z_tfm", "z_proj", "z_unproj",
                "decoder", "prior", "sos", "action_embeds");
        assertThat(String.format("%.1f", total / 1e6)).isEqualTo("172.2");
        assertThat(total).isEqualTo(parts.values().stream().mapToLong(Long::longValue).sum());
    }

    private static String millions(long n) {
        return String.format("%.2f", n / 1e6);
    }
}
