package org.capenv.api.portal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The errors of a submitted form, by field, in the order the GOV.UK error summary lists them; each
 * links to the control it names. Messages that belong to no field (a policy's reasons) are general.
 */
public final class FormErrors {
  /** One line of the error summary: the link target and the message. */
  public record Item(String href, String message) {}

  private final Map<String, String> byField = new LinkedHashMap<>();
  private final List<String> general = new ArrayList<>();

  /** Records the first message for a field whose control has the given id. */
  public void field(String id, String message) {
    byField.putIfAbsent(id, message);
  }

  /** Records a message that belongs to no field. */
  public void general(String message) {
    general.add(message);
  }

  /** The message for the control with this id, or null. */
  public String of(String id) {
    return byField.get(id);
  }

  public boolean isEmpty() {
    return byField.isEmpty() && general.isEmpty();
  }

  /** The summary: general messages first, then every field's. */
  public List<Item> summary() {
    List<Item> items = new ArrayList<>();
    general.forEach(m -> items.add(new Item("", m)));
    byField.forEach((id, m) -> items.add(new Item("#" + id, m)));
    return items;
  }

  /** The field messages by control id. */
  public Map<String, String> fields() {
    return byField;
  }
}
