// SPDX-License-Identifier: Apache-2.0
package org.mossdesktop.plugins;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.expression.F;
import org.matheclipse.core.interfaces.IAST;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.core.interfaces.ISymbol;
import org.mossdesktop.moss.Tool;
import org.mossdesktop.moss.ToolResult;
import org.mossdesktop.plugins.math.Equations;
import org.mossdesktop.plugins.math.SympyFloat;

/**
 * {@code Solve("x+y=500;5x+8y=4000")} → {@code x = 0}, {@code y = 500}, with the Symja CAS. Prints solutions
 * as MOSS's original tool (SymPy) did: exact rationals ({@code x = 160/3}) unless a Python float took part
 * ({@code x = 130.000000000000}); several roots numbered ({@code x_0 = -20}, {@code x_1 = 20});
 * {@code No result.} for no solution, infinitely many, or exact irrational roots (the original printed only
 * rational or floating solutions: {@code x^2=24} gave {@code No result.}).
 *
 * <p>Symja keeps its engine in a thread-local and takes about a second to load, so every solve runs on one
 * daemon thread; {@link #warmUp()} loads it ahead of the first question, off the UI thread.
 */
public final class EquationSolver implements Plugin, AutoCloseable {

    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "moss-equation-solver");
        t.setDaemon(true);
        return t;
    });
    private volatile EvalEngine engine;

    @Override
    public Tool tool() {
        return Tool.EQUATION_SOLVER;
    }

    @Override
    public Duration timeout() {
        return Duration.ofSeconds(10);
    }

    /** Loads Symja and solves one system on the solver's thread; completes when ready. */
    public CompletableFuture<Void> warmUp() {
        return CompletableFuture.runAsync(() -> solve("x+y=2;x-y=0"), thread);
    }

    @Override
    public ToolResult run(String argument) throws InterruptedException {
        Future<ToolResult> solving = thread.submit(() -> solve(argument));
        try {
            return solving.get();
        } catch (InterruptedException e) {
            EvalEngine running = engine;
            if (running != null) {
                running.stopRequest(); // Symja checks this flag; an interrupt alone may not stop it
            }
            solving.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            return new ToolResult.NoResult();
        }
    }

    private ToolResult solve(String argument) {
        EvalEngine symja = engine();
        symja.setStopRequested(false);
        Optional<Equations> parsed = Equations.parse(argument);
        if (parsed.isEmpty() || parsed.get().variables().isEmpty()) {
            return new ToolResult.NoResult();
        }
        Equations equations = parsed.get();
        List<ISymbol> unknowns = List.copyOf(equations.variables().values());
        try {
            IExpr solutions = symja.evaluate(F.Solve(
                    F.List(equations.equations().toArray(IExpr[]::new)), F.List(unknowns.toArray(IExpr[]::new))));
            return format(symja, equations, solutions);
        } catch (RuntimeException | StackOverflowError e) {
            return new ToolResult.NoResult(); // Symja signals what it cannot do (and timeouts) by throwing
        }
    }

    private EvalEngine engine() {
        if (engine == null) {
            EvalEngine created = new EvalEngine("moss", 256, NOWHERE, true);
            created.setQuietMode(true);
            created.setErrorPrintStream(NOWHERE);
            created.setOutPrintStream(NOWHERE);
            EvalEngine.set(created);
            engine = created;
        }
        return engine;
    }

    private static ToolResult format(EvalEngine symja, Equations equations, IExpr solutions) {
        if (!solutions.isListOfLists() || solutions.argSize() == 0) {
            return new ToolResult.NoResult();
        }
        List<List<String>> sets = new ArrayList<>();
        List<double[]> order = new ArrayList<>();
        for (IExpr set : (IAST) solutions) {
            List<String> values = new ArrayList<>();
            double[] numbers = new double[equations.variables().size()];
            int i = 0;
            for (Map.Entry<String, ISymbol> unknown : equations.variables().entrySet()) {
                Optional<IExpr> value = valueOf(
                        (IAST) set, unknown.getValue(), equations.variables().values());
                if (value.isEmpty()) {
                    return new ToolResult.NoResult(); // not determined: infinitely many solutions
                }
                Optional<Real> real = Real.of(symja, value.get(), equations.floating());
                if (real.isEmpty()) {
                    if (isComplex(symja, value.get())) {
                        values = null; // drop complex roots, as a calculator for people would
                        break;
                    }
                    return new ToolResult.NoResult();
                }
                values.add(real.get().text());
                numbers[i++] = real.get().value();
            }
            if (values != null) {
                sets.add(values);
                order.add(numbers);
            }
        }
        if (sets.isEmpty()) {
            return new ToolResult.NoResult();
        }
        List<Integer> byValue = new ArrayList<>();
        for (int i = 0; i < sets.size(); i++) {
            byValue.add(i);
        }
        byValue.sort(Comparator.comparing(i -> order.get(i), Arrays::compare));
        List<String> names = List.copyOf(equations.variables().keySet());
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < byValue.size(); k++) {
            List<String> values = sets.get(byValue.get(k));
            for (int v = 0; v < names.size(); v++) {
                String name = sets.size() == 1 ? names.get(v) : names.get(v) + "_" + k;
                lines.add(name + " = " + values.get(v));
            }
        }
        return new ToolResult.Solutions(lines);
    }

    /** The unknown's value in one solution, unless it is missing or depends on another unknown. */
    private static Optional<IExpr> valueOf(IAST rules, ISymbol unknown, Collection<ISymbol> unknowns) {
        for (IExpr rule : rules) {
            if (rule.isRuleAST() && rule.first().equals(unknown)) {
                IExpr value = rule.second();
                return unknowns.stream().allMatch(value::isFree) ? Optional.of(value) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean isComplex(EvalEngine symja, IExpr value) {
        IExpr numeric = symja.evalN(value);
        return numeric.isNumber() && !numeric.isReal();
    }

    /** A real solution and how SymPy printed it. */
    private record Real(double value, String text) {
        static Optional<Real> of(EvalEngine symja, IExpr value, boolean floating) {
            if (!floating) {
                return value.isRational() ? Optional.of(new Real(value.evalf(), value.toString())) : Optional.empty();
            }
            IExpr numeric = symja.evalN(value);
            double re;
            if (numeric.isReal()) {
                re = numeric.evalf();
            } else if (numeric.isNumber()) {
                // Cardano's formula leaves round-off in the imaginary part of real roots.
                re = numeric.re().evalf();
                double im = numeric.im().evalf();
                if (Math.abs(im) > 1e-10 * Math.max(1, Math.abs(re))) {
                    return Optional.empty();
                }
            } else {
                return Optional.empty();
            }
            return Double.isFinite(re) ? Optional.of(new Real(re, SympyFloat.str(re))) : Optional.empty();
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
