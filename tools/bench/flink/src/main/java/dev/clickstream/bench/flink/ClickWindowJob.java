package dev.clickstream.bench.flink;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.SinkFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The seed's job as a Flink user writes it: Kafka JSON clicks decoded by Jackson into a POJO,
 * bounded-out-of-orderness watermarks (10 s), keyBy page + country, 1-minute tumbling event-time
 * windows holding clicks and the exact set of distinct users, late events to a side output.
 * Runs as a local mini-cluster in this JVM, parallelism 1, heap state, no checkpoints, results to a
 * counting sink (the aggregator also writes ClickHouse and checkpoints to Redis: this is Flink's
 * cost floor, the conservative side of the comparison).
 *
 * <p>For the bench it serves counters in Prometheus text on --metrics-port:
 * flink_bench_records_total (records deserialized), flink_bench_windows_total, flink_bench_late_total,
 * flink_bench_invalid_total.
 *
 * <p>Usage: ClickWindowJob --brokers H:P --topic T --group-id G [--start earliest|latest]
 * [--metrics-port N]
 */
public final class ClickWindowJob {
  static final LongAdder RECORDS = new LongAdder();
  static final LongAdder INVALID = new LongAdder();
  static final LongAdder WINDOWS = new LongAdder();
  static final LongAdder LATE = new LongAdder();

  /** The wire event (libs/event-schema ClickEvent), a Flink POJO. */
  public static class ClickEvent {
    public String event_id;
    public String user_id;
    public long ts;
    public String page;
    public String referrer;
    public String country;
    public String device;

    public ClickEvent() {}
  }

  /** One closed window: what the aggregator writes to page_minute_agg. */
  public static class WindowResult {
    public long windowStart;
    public String key;
    public long clicks;
    public long distinctUsers;

    public WindowResult() {}
  }

  /** The per-window accumulator: clicks and the exact distinct users. */
  public static class ClickAccumulator {
    public long clicks;
    public HashSet<String> users = new HashSet<>();

    public ClickAccumulator() {}
  }

  static final class JacksonClickDeserializer implements DeserializationSchema<ClickEvent> {
    private transient ObjectMapper mapper;

    @Override
    public void open(InitializationContext context) {
      mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    @Override
    public ClickEvent deserialize(byte[] message) {
      RECORDS.increment();
      try {
        return mapper.readValue(message, ClickEvent.class);
      } catch (IOException e) {
        // The Kafka source skips a null; a real job would dead-letter it.
        INVALID.increment();
        return null;
      }
    }

    @Override
    public boolean isEndOfStream(ClickEvent next) {
      return false;
    }

    @Override
    public TypeInformation<ClickEvent> getProducedType() {
      return TypeInformation.of(ClickEvent.class);
    }
  }

  static final class ClicksAndUsers implements AggregateFunction<ClickEvent, ClickAccumulator, ClickAccumulator> {
    @Override
    public ClickAccumulator createAccumulator() {
      return new ClickAccumulator();
    }

    @Override
    public ClickAccumulator add(ClickEvent e, ClickAccumulator acc) {
      acc.clicks++;
      acc.users.add(e.user_id);
      return acc;
    }

    @Override
    public ClickAccumulator getResult(ClickAccumulator acc) {
      return acc;
    }

    @Override
    public ClickAccumulator merge(ClickAccumulator a, ClickAccumulator b) {
      a.clicks += b.clicks;
      a.users.addAll(b.users);
      return a;
    }
  }

  static final class ToWindowResult extends ProcessWindowFunction<ClickAccumulator, WindowResult, String, TimeWindow> {
    @Override
    public void process(String key, Context context, Iterable<ClickAccumulator> accs, Collector<WindowResult> out) {
      ClickAccumulator acc = accs.iterator().next();
      WindowResult r = new WindowResult();
      r.windowStart = context.window().getStart();
      r.key = key;
      r.clicks = acc.clicks;
      r.distinctUsers = acc.users.size();
      out.collect(r);
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = parseArgs(args);
    String brokers = require(opts, "brokers");
    String topic = require(opts, "topic");
    String groupId = require(opts, "group-id");
    String start = opts.getOrDefault("start", "earliest");
    int metricsPort = Integer.parseInt(opts.getOrDefault("metrics-port", "0"));
    if (metricsPort > 0) serveMetrics(metricsPort);

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);

    KafkaSource<ClickEvent> source = KafkaSource.<ClickEvent>builder()
        .setBootstrapServers(brokers)
        .setTopics(topic)
        .setGroupId(groupId)
        .setStartingOffsets("latest".equals(start) ? OffsetsInitializer.latest() : OffsetsInitializer.earliest())
        .setValueOnlyDeserializer(new JacksonClickDeserializer())
        .build();

    DataStream<ClickEvent> clicks = env.fromSource(
        source,
        WatermarkStrategy.<ClickEvent>forBoundedOutOfOrderness(Duration.ofSeconds(10))
            .withTimestampAssigner((event, recordTs) -> event.ts),
        "kafka-clicks");

    OutputTag<ClickEvent> lateTag = new OutputTag<>("late") {};
    SingleOutputStreamOperator<WindowResult> windows = clicks
        .keyBy(e -> e.page + '|' + e.country)
        .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
        .sideOutputLateData(lateTag)
        .aggregate(new ClicksAndUsers(), new ToWindowResult());

    windows.addSink(new SinkFunction<WindowResult>() {
      @Override
      public void invoke(WindowResult value, Context context) {
        WINDOWS.increment();
      }
    }).name("windows");
    windows.getSideOutput(lateTag).addSink(new SinkFunction<ClickEvent>() {
      @Override
      public void invoke(ClickEvent value, Context context) {
        LATE.increment();
      }
    }).name("late");

    env.execute("clickstream-reference-click-windows");
  }

  private static void serveMetrics(int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/metrics", exchange -> {
      String body = "flink_bench_records_total " + RECORDS.sum() + "\n"
          + "flink_bench_invalid_total " + INVALID.sum() + "\n"
          + "flink_bench_windows_total " + WINDOWS.sum() + "\n"
          + "flink_bench_late_total " + LATE.sum() + "\n";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
  }

  private static Map<String, String> parseArgs(String[] args) {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got: " + String.join(" ", args));
      }
      opts.put(args[i].substring(2), args[++i]);
    }
    return opts;
  }

  private static String require(Map<String, String> opts, String name) {
    String v = opts.get(name);
    if (v == null) throw new IllegalArgumentException("--" + name + " is required");
    return v;
  }
}
