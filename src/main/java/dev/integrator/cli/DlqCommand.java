package dev.integrator.cli;

import dev.integrator.queue.ArtemisBroker;
import dev.integrator.queue.Broker;
import dev.integrator.queue.RabbitBroker;
import dev.integrator.queue.QueueSettings;
import java.io.PrintStream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code integrator dlq list} and {@code integrator dlq replay --id ID | --all}, for the configured broker. With
 * the embedded Artemis, a running {@code integrator run} is reached on its port; otherwise the journal is opened
 * directly (the broker starts without listening, just for this command).
 */
final class DlqCommand {

    private static final String USAGE = "usage: integrator dlq list | integrator dlq replay --id <id> | integrator dlq replay --all";

    private DlqCommand() {
    }

    static int run(Path home, String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        boolean list = args.length == 1 && args[0].equals("list");
        boolean all = args.length == 2 && args[0].equals("replay") && args[1].equals("--all");
        boolean one = args.length == 3 && args[0].equals("replay") && args[1].equals("--id");
        if (!list && !all && !one) {
            err.println(USAGE);
            return Main.USAGE;
        }
        QueueSettings settings = QueueSettings.fromEnv(home, env);
        try (Access access = open(settings)) {
            Broker.DeadLetters letters = access.letters();
            if (list) {
                Broker.Page page = letters.page(0, Broker.DeadLetters.PAGE);
                for (Broker.DeadLetter d : page.letters()) {
                    out.println(d.id() + "  " + d.queue() + "  " + (d.failedAt() == null ? "-" : d.failedAt()) + "  " + d.bytes() + " bytes  " + d.reason());
                }
                out.println(page.letters().size() < page.total()
                        ? "the oldest " + page.letters().size() + " of " + page.total() + " dead letter(s) on " + QueueSettings.DLQ
                        : page.total() + " dead letter(s) on " + QueueSettings.DLQ);
                return Main.OK;
            }
            Broker.Replay replay = letters.replay(one ? args[2] : null);
            for (String id : replay.skipped()) {
                err.println("skipped dead letter " + id + ": it does not name its queue, so it stays on " + QueueSettings.DLQ);
            }
            out.println("replayed " + replay.moved() + " message(s)" + (replay.skipped().isEmpty() ? "" : ", skipped " + replay.skipped().size()));
            if (one && replay.moved() == 0 && replay.skipped().isEmpty()) {
                err.println("no dead letter with id " + args[2]);
                return Main.NOT_FOUND;
            }
            return Main.OK;
        }
    }

    private record Access(Broker.DeadLetters letters, AutoCloseable owner) implements AutoCloseable {
        @Override
        public void close() {
            try {
                owner.close();
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    private static Access open(QueueSettings settings) {
        if (settings.broker() == QueueSettings.Kind.RABBITMQ) {
            RabbitBroker rabbit = new RabbitBroker(settings);
            return new Access(rabbit.deadLetters(), rabbit);
        }
        if (ArtemisBroker.running(settings)) {
            ActiveMQConnectionFactory factory = (ActiveMQConnectionFactory) ArtemisBroker.remote(settings);
            return new Access(ArtemisBroker.deadLettersOver(factory), factory::close);
        }
        ArtemisBroker artemis = new ArtemisBroker(settings, false);
        artemis.start(List.of(), queue -> { });
        return new Access(artemis.deadLetters(), artemis);
    }
}
