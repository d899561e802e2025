using System.Text.Json;

namespace Cascade;

/// <summary>The price of each known model, read from a JSON price file so prices change without a rebuild.</summary>
/// <remarks>
/// The file has the shape <c>{ "models": { "model-id": { "input": 1.0, "output": 5.0, "cacheWrite": 1.25, "cacheRead": 0.1 } } }</c>
/// in USD per million tokens. Omitted cache prices follow Anthropic's multipliers of the input price.
/// </remarks>
public sealed class PriceCatalog
{
    private const string DefaultResourceName = "Cascade.Pricing.prices.json";

    private readonly Dictionary<string, PriceTable> _prices;

    /// <summary>Initializes a catalog from model prices.</summary>
    public PriceCatalog(IEnumerable<KeyValuePair<string, PriceTable>> prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        _prices = new(prices, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Gets the model ids the catalog prices.</summary>
    public IReadOnlyCollection<string> Models => _prices.Keys;

    /// <summary>Loads the price file shipped with the library.</summary>
    public static PriceCatalog LoadDefault()
    {
        using Stream stream = typeof(PriceCatalog).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"The embedded price file '{DefaultResourceName}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), DefaultResourceName);
    }

    /// <summary>Loads a price file from disk.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">The file is not a valid price file; the message names what is wrong.</exception>
    public static PriceCatalog Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Price file '{path}' was not found. Set Cascade:PriceFile to an existing file or remove it to use the built-in prices.", path);
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses the JSON text of a price file.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="source">A name for the source, used in error messages.</param>
    /// <exception cref="FormatException">The text is not a valid price file; the message lists every problem.</exception>
    public static PriceCatalog Parse(string json, string source = "price file")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{source}: not valid JSON ({ex.Message}).", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("models", out JsonElement models)
                || models.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"{source}: expected an object with a \"models\" object mapping model ids to prices.");
            }

            var errors = new List<string>();
            var prices = new Dictionary<string, PriceTable>(StringComparer.OrdinalIgnoreCase);
            foreach (JsonProperty model in models.EnumerateObject())
            {
                decimal? input = ReadPrice(model, "input", errors, source, required: true);
                decimal? output = ReadPrice(model, "output", errors, source, required: true);
                decimal? cacheWrite = ReadPrice(model, "cacheWrite", errors, source, required: false);
                decimal? cacheRead = ReadPrice(model, "cacheRead", errors, source, required: false);
                if (input is { } i && output is { } o)
                {
                    prices[model.Name] = new PriceTable(
                        i,
                        o,
                        cacheWrite ?? i * PriceTable.AnthropicCacheWriteMultiplier,
                        cacheRead ?? i * PriceTable.AnthropicCacheReadMultiplier);
                }
            }

            if (errors.Count > 0)
            {
                throw new FormatException(string.Join(Environment.NewLine, errors));
            }

            return new PriceCatalog(prices);
        }
    }

    /// <summary>Gets the price of a model.</summary>
    /// <returns><see langword="true"/> when the model is priced.</returns>
    public bool TryGetPrice(string model, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PriceTable? price) =>
        _prices.TryGetValue(model, out price);

    /// <summary>Gets the price of a model.</summary>
    /// <exception cref="KeyNotFoundException">The model is not priced; the message says how to price it.</exception>
    public PriceTable GetPrice(string model) =>
        TryGetPrice(model, out PriceTable? price)
            ? price
            : throw new KeyNotFoundException($"No price is known for model '{model}'. Add it to the price file or set a Price on its deployment.");

    private static decimal? ReadPrice(JsonProperty model, string name, List<string> errors, string source, bool required)
    {
        if (model.Value.ValueKind != JsonValueKind.Object)
        {
            if (name == "input")
            {
                errors.Add($"{source}: models.{model.Name} must be an object with input and output prices.");
            }

            return null;
        }

        if (!model.Value.TryGetProperty(name, out JsonElement value))
        {
            if (required)
            {
                errors.Add($"{source}: models.{model.Name}.{name} is missing.");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out decimal price))
        {
            errors.Add($"{source}: models.{model.Name}.{name} must be a number (USD per million tokens).");
            return null;
        }

        if (price < 0)
        {
            errors.Add($"{source}: models.{model.Name}.{name} is {price}; a price cannot be negative.");
            return null;
        }

        return price;
    }
}
