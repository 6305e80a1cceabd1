package io.newsflow.deploy.cli;

import io.newsflow.deploy.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./newsflow} command line. */
@Command(name = "newsflow", mixinStandardHelpOptions = true, version = "Newsflow 0.1",
        description = "Event-driven news ingestion: feeds -> Kafka -> enrichment -> Elasticsearch.",
        subcommands = {UpCommand.class, StackCommand.class, FeedsCommand.class, DeadLetterCommand.class,
                ExtractCommand.class, EnrichCommand.class, EvaluateEnrichmentCommand.class, BenchCommand.class, IndexCommand.class,
                SearchCommand.class, CommandLine.HelpCommand.class})
public final class NewsflowCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new NewsflowCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
