package com.example.explodes;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.tecoplatform.api.Metric;
import org.tecoplatform.api.MetricScore;
import org.tecoplatform.api.Video;

/** A plugin component whose activation throws. */
@Component(service = Metric.class, property = "teco.name=explodes")
public final class ExplodingMetric implements Metric {

    @Activate
    void activate() {
        throw new IllegalStateException("component boom");
    }

    @Override
    public MetricScore score(Video real, Video fake, int contextFrames) {
        return MetricScore.ofFrames("explodes", new double[0]);
    }
}
