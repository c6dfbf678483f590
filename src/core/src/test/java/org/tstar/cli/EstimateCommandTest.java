package org.tstar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.tstar.search.SearchTask;
import org.tstar.search.config.SpaceFileReader;

/** {@code tstar estimate} as a user runs it: every term printed, and a JSON line that parses and adds up. */
class EstimateCommandTest {

    static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TstarCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    @Test
    void printsEveryTermAndTheProvenance() {
        String text = run("estimate", "--data", "digits");
        assertThat(text).contains("T̂* = 1.0852").contains("α√M").contains("β").contains("γ·ln csg")
                .contains("δ·ln C").contains("M = 64").contains("C = 10").contains("csg = ")
                .contains("Hasegawa & Sakai");
    }

    /** One estimate per task: {@code estimate --space} and the search (and so a benchmark) compute the same csg and T̂*. */
    @Test
    void estimateOfASpaceIsTheOneItsSearchStartsFrom() throws Exception {
        java.nio.file.Path space = java.nio.file.Path.of("search-spaces/synthetic-width.yaml");
        Map<?, ?> json = new ObjectMapper().readValue(run("estimate", "--space", space.toString(), "--json").strip(), Map.class);
        org.tstar.estimate.AnalyticalTemperature.Estimate search = org.tstar.search.SearchTask.prepare(
                org.tstar.search.config.SpaceFileReader.load(space)).estimate();
        assertThat(((Number) json.get("csg")).doubleValue()).isEqualTo(search.csg());
        assertThat(((Number) json.get("temperature")).doubleValue()).isEqualTo(search.temperature());
    }

    @Test
    void jsonLineParsesAndItsTermsSumToTheUnclippedValue() throws Exception {
        String line = run("estimate", "--data", "digits", "--feature-map", "relu:512", "--json").strip();
        assertThat(line.lines()).hasSize(1);
        Map<?, ?> json = new ObjectMapper().readValue(line, Map.class);
        double sum = ((Number) json.get("widthTerm")).doubleValue() + ((Number) json.get("intercept")).doubleValue()
                + ((Number) json.get("difficultyTerm")).doubleValue() + ((Number) json.get("classTerm")).doubleValue();
        assertThat(((Number) json.get("unclipped")).doubleValue()).isCloseTo(sum, offset(1e-12));
        assertThat(((Number) json.get("temperature")).doubleValue()).isCloseTo(11.674, offset(1e-3));
        assertThat(json.get("M")).isEqualTo(512);
        assertThat(((Number) json.get("csg")).doubleValue()).isPositive();
        assertThat(((Map<?, ?>) json.get("provenance")).get("source")).asString().contains("Hasegawa");
    }

    @Test
    void underThePriorItPrintsEachPredictorsPullAndThisTasksExpectedError() throws Exception {
        String text = run("estimate", "--space", "search-spaces/digits-linear.yaml", "--coefficients", "prior");
        org.tstar.estimate.TransferPrior prior = org.tstar.estimate.TransferPrior.load("prior");
        assertThat(text).contains("(prior 'prior'").contains(prior.formula()).contains("expected error for this task")
                .contains("a task average in every predictor").contains("the formula's terms beside it");
        for (String predictor : prior.predictors()) {
            assertThat(text).contains("  " + predictor);
        }
        String line = run("estimate", "--space", "search-spaces/digits-linear.yaml", "--coefficients", "prior", "--json").strip();
        Map<?, ?> json = new ObjectMapper().readValue(line, Map.class);
        Map<?, ?> p = (Map<?, ?>) json.get("prior");
        assertThat(((Number) json.get("temperature")).doubleValue()).isEqualTo(((Number) p.get("temperature")).doubleValue());
        double log = Math.log(((Number) p.get("baseline")).doubleValue());
        for (Object c : (java.util.List<?>) p.get("contributions")) {
            log += ((Number) ((Map<?, ?>) c).get("logEffect")).doubleValue();
        }
        assertThat(Math.min(100, Math.max(0.1, Math.exp(log)))).isCloseTo(((Number) p.get("temperature")).doubleValue(), offset(1e-9));
        assertThat(((Number) p.get("expectedLogError")).doubleValue()).isGreaterThanOrEqualTo(prior.residualScale());
    }

    @Test
    void thePriorWithoutASpaceIsRefusedInOneLine() {
        StringWriter err = new StringWriter();
        int code = TstarCommand.execute(new String[] {"estimate", "--data", "digits", "--coefficients", "prior"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("tstar: estimate: a prior reads the training recipe too: give --space FILE");
    }
}
