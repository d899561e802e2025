using System.Text.Json;
using System.Text.RegularExpressions;
using NJsonSchema;

namespace Cascade.Verifier.Verification;

/// <summary>Checks a <c>POST /v1/verify</c> body and names every field to fix.</summary>
internal static class VerificationRequestValidator
{
    private static readonly string[] Roles = ["system", "user", "assistant", "tool"];

    public static async Task<Dictionary<string, string[]>> ValidateAsync(VerificationRequest request, IReadOnlyCollection<string> availableChecks)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out List<string>? list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        if (request.RequestId is { Length: > 128 })
        {
            Add("request_id", "The request id must be at most 128 characters.");
        }

        if (request.Messages is not { Count: > 0 })
        {
            Add("messages", "At least one message is required: the conversation the candidate answers.");
        }
        else
        {
            for (int i = 0; i < request.Messages.Count; i++)
            {
                VerificationMessage? message = request.Messages[i];
                if (message is null)
                {
                    Add($"messages[{i}]", "A message cannot be null.");
                    continue;
                }

                if (message.Role is null || !Roles.Contains(message.Role, StringComparer.OrdinalIgnoreCase))
                {
                    Add($"messages[{i}].role", $"The role must be one of {string.Join(", ", Roles)}.");
                }

                if (message.Content is null)
                {
                    Add($"messages[{i}].content", "The content is required (it may be empty).");
                }
            }
        }

        if (request.Candidate is not { } candidate)
        {
            Add("candidate", "The candidate answer is required.");
        }
        else
        {
            if (candidate.Text is null)
            {
                Add("candidate.text", "The candidate's text is required (it may be empty).");
            }

            if (candidate.LogprobConfidence is { } logprob && (!double.IsFinite(logprob) || logprob > 0))
            {
                Add("candidate.logprob_confidence", "A log-probability is a finite number at most 0.");
            }
        }

        if (request.Expectations is { } expected)
        {
            if (expected.JsonSchema is { } schema)
            {
                if (schema.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
                {
                    Add("expectations.json_schema", "The JSON schema must be an object.");
                }
                else
                {
                    try
                    {
                        _ = await JsonSchema.FromJsonAsync(schema.GetRawText());
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        Add("expectations.json_schema", $"Not a valid JSON schema: {ex.Message}");
                    }
                }
            }

            if (expected.FormatPattern is { } pattern)
            {
                try
                {
                    _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
                }
                catch (ArgumentException ex)
                {
                    Add("expectations.format_pattern", $"Not a valid regular expression: {ex.Message}");
                }
            }

            if (expected.Choices is { } choices)
            {
                if (choices.Count == 0 || choices.Any(string.IsNullOrWhiteSpace))
                {
                    Add("expectations.choices", "Choices must be a non-empty list of non-blank strings.");
                }
                else if (choices.Distinct(StringComparer.OrdinalIgnoreCase).Count() != choices.Count)
                {
                    Add("expectations.choices", "Choices must be distinct.");
                }
            }
        }

        if (request.Policy is { } policy)
        {
            if (policy.Checks is { } checks)
            {
                if (checks.Count == 0)
                {
                    Add("policy.checks", "Name at least one check, or leave checks out to run the service's.");
                }

                foreach (string? check in checks)
                {
                    if (check is null || !availableChecks.Contains(check, StringComparer.OrdinalIgnoreCase))
                    {
                        Add("policy.checks", $"Unknown check '{check}'; available: {string.Join(", ", availableChecks.Order(StringComparer.Ordinal))}.");
                    }
                }
            }

            if (policy.AcceptAtOverall is { } overall && overall is < 1 or > 5)
            {
                Add("policy.accept_at_overall", "The judge's overall score threshold must be from 1 to 5.");
            }

            if (policy.Abstention is { } rule && !Enum.IsDefined(rule))
            {
                Add("policy.abstention", "The abstention rule must be accept or reject.");
            }
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }
}
