package io.shardgate.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntityTableTest {
  @Test
  void replacing_keeps_the_place_and_removing_keeps_the_order_of_the_others() {
    EntityTable table = new EntityTable();
    table.put(3, bytes("a"));
    table.put(1, bytes("b"));
    table.put(2, bytes("c"));
    table.put(1, bytes("B"));
    assertTrue(table.remove(3));
    assertFalse(table.remove(3));
    table.put(3, bytes("d"));
    assertEquals(List.of("B", "c", "d"), contents(table));
    assertEquals(3, table.size());
    assertEquals(3, table.jsonBytes());
    assertNull(table.get(4));
  }

  /** Random puts and removes, small and large tables (indexed, compacted), against a LinkedHashMap. */
  @ParameterizedTest
  @ValueSource(ints = {5, 40, 3000})
  void behaves_like_an_insertion_ordered_map(int idRange) {
    Random random = new Random(idRange);
    EntityTable table = new EntityTable();
    Map<Long, String> reference = new LinkedHashMap<>();
    for (int step = 0; step < 50_000; step++) {
      long id = 1L + random.nextInt(idRange) * 4_194_304L; // snowflake-like spacing
      if (random.nextInt(3) == 0) {
        assertEquals(reference.remove(id) != null, table.remove(id));
      } else {
        String value = "v" + step;
        reference.put(id, value);
        table.put(id, bytes(value));
      }
      if (step % 997 == 0) {
        assertEquals(new ArrayList<>(reference.values()), contents(table), "after step " + step);
      }
    }
    assertEquals(reference.size(), table.size());
    reference.forEach((id, value) -> assertArrayEquals(bytes(value), table.get(id)));
  }

  @Test
  void estimated_bytes_grow_with_content_and_drop_when_cleared() {
    EntityTable table = new EntityTable();
    long empty = table.estimatedBytes();
    for (long id = 1; id <= 100; id++) {
      table.put(id, new byte[200]);
    }
    assertTrue(table.estimatedBytes() > empty + 100 * 200);
    assertTrue(table.estimatedBytes() < empty + 100 * 300, "overhead stays well under 100 bytes per entity");
    table.clear();
    assertEquals(empty, table.estimatedBytes());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> contents(EntityTable table) {
    List<String> values = new ArrayList<>();
    table.forEach(value -> values.add(new String(value, StandardCharsets.UTF_8)));
    return values;
  }
}
