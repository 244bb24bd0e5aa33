package org.tecoplatform.model.teco.train;

import org.tecoplatform.api.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** {@code train.json}: what a training run did. */
record TrainSummary(long steps, long resumedFrom, double seconds, boolean stoppedByTime, LossParts last, Path checkpoint, long parameters,
                    Path tokenizer, String tokenizerId, double stageSeconds) {

    String oneLine() {
        return String.format(Locale.ROOT, "%d steps (from %d) in %.1f s%s, %,d parameters, last step %s, checkpoint %s", steps, resumedFrom,
                seconds, stoppedByTime ? " (time budget)" : "", parameters, last == null ? "-" : last.text(), checkpoint);
    }

    void write(Path file) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps", steps);
        m.put("resumed_from_step", resumedFrom);
        m.put("seconds", seconds);
        m.put("stopped_by_time_budget", stoppedByTime);
        m.put("parameters", parameters);
        if (last != null) {
            m.put("last_step_losses", Map.of("loss", last.loss(), "recon_loss", last.recon(), "trans_loss", last.trans(),
                    "commitment_loss", last.commitment(), "codebook_loss", last.codebook(), "perplexity", last.perplexity()));
        }
        m.put("checkpoint", checkpoint == null ? null : checkpoint.toString());
        m.put("metrics", MetricsLog.FILE);
        m.put("tokenizer", Map.of("directory", tokenizer.toString(), "id", tokenizerId));
        m.put("stage_seconds", stageSeconds);
        AtomicFiles.writeBytes(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(m));
    }
}
