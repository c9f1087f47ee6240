package io.ambar.bench;

import java.util.List;

/**
 * A scenario's measurements, in contender order, how its starting catalogue was made, and whether the contenders ran
 * as fresh processes ({@code mode=cold}) or in the bench's JVM.
 */
record ScenarioResult(Scenario scenario, long rows, String start, boolean cold, List<Measurement> measurements) {
}
