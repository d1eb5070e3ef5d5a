package dev.leafspec.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code leafspec}: the LeafSpec command line.
 * Exit codes: 0 success, 1 a scenario failed or lint found errors, 2 a harness, spec or usage error, 3 nothing ran.
 */
@Command(name = "leafspec", mixinStandardHelpOptions = true, version = "leafspec " + LeafSpecCli.VERSION,
        description = "Executable register contracts for Intel TDX leaf calls (TDCALL, SEAMCALL, TDG.VP.VMCALL).",
        subcommands = {RunCommand.class, CertifyCommand.class, VerifyCommand.class, LintCommand.class, ListCommand.class,
                AdapterCheckCommand.class, DiffImplCommand.class, CallerCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success; 1 a scenario failed (run) or errors found (lint); "
                + "2 harness, spec or usage error; 3 nothing ran."})
public final class LeafSpecCli implements Runnable {
    /** The suite's version, recorded in every conformance report. */
    public static final String VERSION = "0.1.0";

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int HARNESS_ERROR = 2;
    public static final int NOTHING_RAN = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: one of "
                + String.join(", ", spec.subcommands().keySet()) + " (leafspec help COMMAND for its options)");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code (for tests). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new LeafSpecCli());
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            cmd.getErr().println("leafspec: " + ex.getMessage());
            return HARNESS_ERROR;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("leafspec: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return HARNESS_ERROR;
        });
        return cl.execute(args);
    }
}
