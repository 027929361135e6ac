package org.capenv.api.portal.run;

import java.util.List;
import org.capenv.api.portal.FormErrors;
import org.capenv.api.tool.service.ToolVersionView;

/**
 * What the run form shows: the tool, its generated parameter fields, one file field per declared
 * input, the justification fields, and the errors of the last submission with the values kept.
 *
 * @param key the idempotency key of this form: submitting it twice starts one run
 * @param errorTitle the error summary's title, empty when there are no errors
 */
public record RunFormView(
    ToolVersionView tool,
    List<SchemaForm.Field> fields,
    List<InputField> inputs,
    String purpose,
    String purposeError,
    String caseReference,
    String caseReferenceError,
    List<SchemaForm.Option> classifications,
    String classificationError,
    String key,
    String errorTitle,
    List<FormErrors.Item> errors) {

  /**
   * A declared input and the file uploaded for it so far.
   *
   * @param sha256 the hash of the file already uploaded (kept across a failed submission)
   */
  public record InputField(
      String name, String description, String accept, long maxBytes, String sha256, String error) {

    public String id() {
      return "input-" + name;
    }
  }
}
