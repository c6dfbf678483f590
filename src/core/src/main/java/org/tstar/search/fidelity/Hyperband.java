package org.tstar.search.fidelity;

import java.util.ArrayList;
import java.util.List;
import org.tstar.search.sampler.LogUniformBracketStart;

/**
 * Hyperband's brackets (Li et al., 2018) within a budget: from the most aggressive (every rung) to a plain
 * full-trial one, bracket s starting n = ⌈(s_max + 1)/(s + 1) · η^s⌉ log-uniform temperatures at the rung s from the
 * top; a bracket that does not fit the budget left is skipped, and if none fits whole the first is shrunk to the
 * budget. Each bracket draws its temperatures with its own seed. It plans; the brackets run, one after another, in a
 * {@link SuccessiveHalvingPruner}.
 */
public final class Hyperband {
    private Hyperband() {
    }

    public static List<HalvingBracket> brackets(List<Integer> rungs, double eta, double budgetEpochs, double min,
                                                double max, long seed) {
        int sMax = rungs.size() - 1;
        List<HalvingBracket> brackets = new ArrayList<>();
        double left = budgetEpochs;
        for (int s = sMax; s >= 0; s--) {
            List<Integer> own = rungs.subList(sMax - s, rungs.size());
            int n = (int) Math.ceil((sMax + 1.0) / (s + 1) * Math.pow(eta, s) - 1e-9);
            FidelitySchedule plan = new FidelitySchedule(own, FidelitySchedule.populations(own.size(), n, eta), 0);
            if (plan.cost() <= left + 1e-9) {
                brackets.add(new HalvingBracket(plan, new LogUniformBracketStart(min, max, seed + brackets.size())));
                left -= plan.cost();
            }
        }
        if (brackets.isEmpty()) {
            return List.of(HalvingBracket.largestWithin(rungs, eta, budgetEpochs, new LogUniformBracketStart(min, max, seed)));
        }
        return brackets;
    }
}
