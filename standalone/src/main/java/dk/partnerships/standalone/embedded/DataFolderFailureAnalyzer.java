package dk.partnerships.standalone.embedded;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A data folder the product cannot start on is reported as its reason, not as a stack trace. */
class DataFolderFailureAnalyzer extends AbstractFailureAnalyzer<DataFolder.DataFolderException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataFolder.DataFolderException cause) {
        return new FailureAnalysis(cause.getMessage(), "See the README, \"Run it\": what to do after a crash, "
                + "and where the data folder is.", cause);
    }
}
