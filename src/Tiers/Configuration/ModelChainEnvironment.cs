using System.Globalization;

namespace Cascade;

/// <summary>
/// Reads the environment shorthand <c>MODEL_CHAIN=a,b,c</c> and <c>MODEL_COSTS=model:in:out,...</c> (USD per
/// million tokens) into tier configuration.
/// </summary>
/// <remarks>
/// <para>By default the chain is a <em>reliability</em> chain, as in the shorthand's origin: one tier named
/// <c>chain</c> whose deployments are the models in order, primary first, so a failing model hands over to the
/// next and the route's fallback count is the fallback depth.</para>
/// <para>With <c>MODEL_CHAIN_MODE=cascade</c> each model becomes its own tier, in the order given (cheapest
/// first), and answers are gated and escalated like any cascade.</para>
/// <para>Models whose name starts with <c>claude</c> use the <c>anthropic</c> kind (key from
/// <c>ANTHROPIC_API_KEY</c>); others use <c>openai</c> (key from <c>OPENAI_API_KEY</c>).</para>
/// </remarks>
public static class ModelChainEnvironment
{
    /// <summary>The variable naming the models.</summary>
    public const string ChainVariable = "MODEL_CHAIN";

    /// <summary>The variable pricing the models.</summary>
    public const string CostsVariable = "MODEL_COSTS";

    /// <summary>The variable choosing <c>fallback</c> (default) or <c>cascade</c>.</summary>
    public const string ModeVariable = "MODEL_CHAIN_MODE";

    /// <summary>The tier name used in fallback mode.</summary>
    public const string ChainTierName = "chain";

    /// <summary>Reads the shorthand from the process environment.</summary>
    /// <returns>The tiers, or <see langword="null"/> when <c>MODEL_CHAIN</c> is not set.</returns>
    public static List<TierOptions>? FromEnvironment() => Parse(Environment.GetEnvironmentVariable);

    /// <summary>Reads the shorthand through a variable lookup.</summary>
    /// <param name="getVariable">Returns a variable's value or <see langword="null"/>.</param>
    /// <returns>The tiers, or <see langword="null"/> when <c>MODEL_CHAIN</c> is not set.</returns>
    /// <exception cref="FormatException">The variables are malformed; the message lists every problem.</exception>
    public static List<TierOptions>? Parse(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        string? chain = getVariable(ChainVariable);
        if (string.IsNullOrWhiteSpace(chain))
        {
            return null;
        }

        var errors = new List<string>();
        string[] models = chain.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (models.Length == 0)
        {
            errors.Add($"{ChainVariable} names no model; expected a comma-separated list such as claude-opus-4-7,claude-sonnet-4-6.");
        }

        foreach (string duplicate in models.GroupBy(m => m, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            errors.Add($"{ChainVariable} names '{duplicate}' twice.");
        }

        Dictionary<string, PriceOptions> costs = ParseCosts(getVariable(CostsVariable), errors);
        string mode = (getVariable(ModeVariable) ?? "fallback").Trim().ToLowerInvariant();
        if (mode is not ("fallback" or "cascade"))
        {
            errors.Add($"{ModeVariable} is '{mode}'; expected 'fallback' or 'cascade'.");
        }

        if (errors.Count > 0)
        {
            throw new FormatException(string.Join(Environment.NewLine, errors));
        }

        DeploymentOptions Deployment(string model) => new()
        {
            Name = model,
            Provider = KindOf(model),
            Model = model,
            ApiKeyVariable = KindOf(model) == "anthropic" ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY",
            Price = costs.GetValueOrDefault(model),
        };

        if (mode == "cascade")
        {
            return models.Select(m => new TierOptions { Name = m, Kind = KindOf(m), Deployments = [Deployment(m)] }).ToList();
        }

        return [new TierOptions { Name = ChainTierName, Kind = KindOf(models[0]), Deployments = models.Select(Deployment).ToList() }];
    }

    private static string KindOf(string model) =>
        model.StartsWith("claude", StringComparison.OrdinalIgnoreCase) ? "anthropic" : "openai";

    private static Dictionary<string, PriceOptions> ParseCosts(string? value, List<string> errors)
    {
        var costs = new Dictionary<string, PriceOptions>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(value))
        {
            return costs;
        }

        foreach (string entry in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            // The model id may itself hold a colon (ollama tags), so the two prices are the last two fields.
            int outputColon = entry.LastIndexOf(':');
            int inputColon = outputColon > 0 ? entry.LastIndexOf(':', outputColon - 1) : -1;
            if (inputColon <= 0)
            {
                errors.Add($"{CostsVariable} entry '{entry}' is not model:input:output.");
                continue;
            }

            string model = entry[..inputColon];
            bool inputOk = decimal.TryParse(entry[(inputColon + 1)..outputColon], NumberStyles.Number, CultureInfo.InvariantCulture, out decimal input);
            bool outputOk = decimal.TryParse(entry[(outputColon + 1)..], NumberStyles.Number, CultureInfo.InvariantCulture, out decimal output);
            if (!inputOk || !outputOk || input < 0 || output < 0)
            {
                errors.Add($"{CostsVariable} entry '{entry}' needs two prices of zero or more (USD per million tokens).");
                continue;
            }

            costs[model] = new PriceOptions { Input = input, Output = output };
        }

        return costs;
    }
}
