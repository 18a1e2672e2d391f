package dev.integrator.observe;

import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.mask.MaskingJsonGeneratorDecorator;

/** One JSON object per line (logstash-logback-encoder's layout, MDC and structured arguments as fields), masked by {@link LogRedaction}. */
public class JsonLogEncoder extends LogstashEncoder {

    @Override
    public void start() {
        MaskingJsonGeneratorDecorator masking = new MaskingJsonGeneratorDecorator();
        masking.addValueMasker(new LogRedaction());
        masking.start();
        setJsonGeneratorDecorator(masking);
        super.start();
    }
}
