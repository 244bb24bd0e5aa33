package org.tecoplatform.pipeline.run;

/** What happened to one stage of a run. */
public record StageOutcome(String stage, Status status, String detail, double seconds) {

    public enum Status { RAN, DONE_EARLIER, SKIPPED, FAILED }
}
