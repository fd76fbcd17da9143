package io.github.chainrule.nn.train;

import io.github.chainrule.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Separate models trained at once in separate threads end bit-identical to the same models trained one
 * after the other: nothing is shared between them but what the user passes in (each run has its own
 * seeded Random, model, optimizer and trainer; grad mode is per thread).
 */
class ConcurrentTrainingTest {

    @Test
    void modelsTrainedInParallelThreadsEqualThoseTrainedOneAfterTheOtherBitForBit() throws Exception {
        long[] seeds = {11, 12, 13, 14, 15, 16};
        List<Map<String, Tensor>> sequential = new ArrayList<>();
        for (long seed : seeds) {
            sequential.add(TrainerTest.trainedState(seed));
        }
        ExecutorService pool = Executors.newFixedThreadPool(seeds.length);
        try {
            List<Future<Map<String, Tensor>>> futures = new ArrayList<>();
            for (long seed : seeds) {
                Callable<Map<String, Tensor>> run = () -> TrainerTest.trainedState(seed);
                futures.add(pool.submit(run));
            }
            for (int i = 0; i < seeds.length; i++) {
                Map<String, Tensor> parallel = futures.get(i).get();
                assertEquals(sequential.get(i).keySet(), parallel.keySet());
                for (String name : parallel.keySet()) {
                    // exact equality of every double: delta 0
                    assertArrayEquals(sequential.get(i).get(name).toArray(), parallel.get(name).toArray(), 0.0,
                            "seed " + seeds[i] + ", " + name);
                }
            }
        } finally {
            pool.shutdown();
        }
    }
}
