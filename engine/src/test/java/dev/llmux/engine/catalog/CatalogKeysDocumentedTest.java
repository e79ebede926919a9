package dev.llmux.engine.catalog;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every key the catalog reader accepts is documented in {@code models/README.md}. */
final class CatalogKeysDocumentedTest {

  private static Path readme() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("models/README.md"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("no models/README.md above " + Path.of("").toAbsolutePath());
    }
    return p.resolve("models/README.md");
  }

  @Test
  void everyCatalogKey_isInTheKeyTableOfModelsReadme() throws Exception {
    String text = Files.readString(readme());
    Set<String> missing = new TreeSet<>();
    for (Set<String> keys : java.util.List.of(Catalog.TOP_KEYS, Catalog.LOCAL_KEYS, Catalog.ROLE_KEYS, RemoteModels.KEYS)) {
      for (String key : keys) {
        if (!text.contains("| `" + key + "`") && !text.contains(", `" + key + "`")) {
          missing.add(key);
        }
      }
    }
    assertTrue(missing.isEmpty(), "catalog keys missing from the key table of " + readme() + ": " + missing);
  }
}
