package org.tstar.search.arbiter;

import java.util.List;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;

/**
 * An Arbiter candidate generator over a temperature space that says what it proposes, for reports, and which
 * listeners it needs on the runner (Arbiter reports failed candidates to listeners, never to a generator).
 */
public interface TemperatureGenerator extends CandidateGenerator {

    /** One line: how it proposes its temperatures. */
    String describe();

    /** Runner listeners this generator needs to hear of every candidate's end. */
    default List<StatusListener> runnerListeners() {
        return List.of();
    }
}
