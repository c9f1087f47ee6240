package io.ambar.bench;

import java.util.List;

/**
 * A scenario's measurements, in contender order, and how its starting catalogue was made.
 */
record ScenarioResult(Scenario scenario, long rows, String start, List<Measurement> measurements) {
}
