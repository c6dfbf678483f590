package org.tstar.search.fidelity;

import java.util.List;
import java.util.Locale;
import org.tstar.search.sampler.BracketStart;

/** One successive-halving bracket: its plan of rungs and where its temperatures come from. */
public record HalvingBracket(FidelitySchedule schedule, BracketStart start) {

    /**
     * The largest bracket on the recipe's rung ladder that {@code budgetEpochs} affords, holding two of its first rung
     * back for a second wave when {@code start} places one.
     *
     * @throws IllegalArgumentException naming the budget when not even two temperatures at the first rung fit
     */
    public static HalvingBracket largestWithin(List<Integer> rungs, double eta, double budgetEpochs, BracketStart start) {
        FidelitySchedule plan = rungs.size() < 2 ? null
                : FidelitySchedule.largestWithin(rungs, eta, budgetEpochs, start.placesSecondWave() ? 2 : 0);
        if (plan == null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a budget of %.4g epochs affords no successive-halving bracket on rungs %s (two temperatures at the "
                            + "first rung and one trained to the full recipe need %d)", budgetEpochs, rungs,
                    rungs.size() < 2 ? 2 * rungs.get(0) : 2 * rungs.get(0) + rungs.get(rungs.size() - 1) - rungs.get(0)));
        }
        return new HalvingBracket(plan, start);
    }

    /** One line: where its temperatures come from and its plan. */
    public String describe() {
        return start.describe() + ": " + schedule.describe();
    }
}
