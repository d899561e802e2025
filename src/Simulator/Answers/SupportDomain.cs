using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Cascade.Simulator.Answers;

/// <summary>
/// An online store's support knowledge (delivery, returns, payments, store policies) and order look-ups through a
/// tool the request offers, so a support-chat demo gets sensible answers. Simple questions are answered right by any
/// model; complex ones (several topics, exceptions, international, long) are hedged or wrong on weak models.
/// </summary>
internal static partial class SupportDomain
{
    private static readonly Topic[] s_topics =
    [
        new("delivery", ["deliver", "shipping", "ship ", "shipped", "arrive", "express", "courier", "dispatch"],
            "Standard delivery takes 3-5 business days and is free on orders over $50; express delivery takes 1-2 business days for $9.99.",
            "International orders arrive in 7-14 business days and customs duties are paid by the recipient; orders placed before 2 pm ship the same day.",
            "All orders, international ones included, arrive within 2 business days at no charge.",
            "international delivery times"),
        new("returns", ["return", "refund", "exchange", "send back", "send it back", "money back"],
            "You can return unused items with their tags within 30 days of delivery, and domestic return labels are free.",
            "Refunds go back to the original payment method within 5-7 business days after the return arrives; final-sale items cannot be returned, and after 30 days we offer store credit up to day 60.",
            "Returns are accepted within 90 days, final-sale items included, and refunds are instant.",
            "the refund timing for your case"),
        new("payments", ["pay", "card", "paypal", "klarna", "installment", "instalment", "charged", "invoice", "apple pay"],
            "We accept Visa, Mastercard, American Express, PayPal, Apple Pay and gift cards, and your card is charged when the order ships.",
            "Orders over $100 can be split into four interest-free Klarna payments; there is no cash on delivery, and a hold from a cancelled order is released by your bank within 3-5 days.",
            "We only accept bank transfers, and payment is taken when the order is placed.",
            "how your bank handles the charge"),
        new("policies", ["warranty", "price match", "price adjustment", "price drop", "opening hours", "support hours", "policy", "gift card", "guarantee"],
            "Support is available Monday to Friday, 9:00-18:00 CET, and every product has a one-year warranty against defects.",
            "If an item's price drops within 14 days of purchase we refund the difference; warranty claims need the order number and a photo of the defect.",
            "Every product has a lifetime warranty and we match any competitor's price at any time.",
            "which policy applies to your item"),
    ];

    private static readonly string[] s_complexMarkers =
    [
        "international", "abroad", "overseas", "partial", "after 30 days", "damaged", "defect", "exception", "final sale",
        "but ", "what if", "both", "combine", "split", "gift", "cancel", "already", "customs", "why ",
    ];

    public static readonly JsonSerializerOptions Compact = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    public static readonly string[] OrderWords = ["order", "package", "parcel", "track", "where is my", "shipment"];

    /// <summary>Answers a support question, or returns <see langword="null"/> when the question is not about the store.</summary>
    public static SimulatedAnswer? TryAnswer(AnswerContext context, double capability)
    {
        string question = context.Question;
        string lower = question.ToLowerInvariant();
        AIFunctionDeclaration? orderTool = FindOrderTool(context.Tools);
        bool aboutOrder = OrderWords.Any(lower.Contains);
        string? orderId = FindOrderId(question);

        if (context.ToolResult is { } result && orderTool is not null)
        {
            return Confident(DescribeOrder(orderId, result.Result), context);
        }

        if (aboutOrder && (orderId is not null || orderTool is not null) && !s_topics.Any(t => t.Matches(lower) && t.Name != "delivery"))
        {
            if (orderTool is null)
            {
                return Confident($"I can't look up orders from here. You can follow order {orderId} under My Orders, or give its number to our support team.", context);
            }

            if (orderId is null)
            {
                return Confident("Could you give me your order number (for example A12345)? I'll look it up for you.", context);
            }

            string argument = OrderArgumentName(orderTool);
            string arguments = JsonSerializer.Serialize(new Dictionary<string, object?> { [argument] = orderId }, Compact);
            string callId = "call_" + context.Hash.Value.ToString("x16", System.Globalization.CultureInfo.InvariantCulture)[..12];
            return new SimulatedAnswer
            {
                ToolCall = new SimulatedToolCall(callId, orderTool.Name, arguments),
                Logprob = -0.02,
                Source = AnswerSource.Support,
                Quality = AnswerQuality.Confident,
            };
        }

        Topic[] topics = [.. s_topics.Where(t => t.Matches(lower))];
        if (topics.Length == 0)
        {
            return null;
        }

        int markers = s_complexMarkers.Count(lower.Contains);
        double difficulty = Math.Clamp(0.2 + (0.2 * (topics.Length - 1)) + (0.15 * markers) + Math.Min(0.2, question.Length / 1000.0), 0.05, 0.75);
        bool complex = difficulty >= 0.45;
        double margin = capability - difficulty + ((context.Hash.Unit(1) - 0.5) * 0.2);

        string right = string.Join(' ', topics.Select(t => complex ? t.Simple + " " + t.Detail : t.Simple));
        if (!complex || margin > 0)
        {
            return Confident(right, context);
        }

        if (margin > -0.25 || context.Hash.Unit(2) < 0.6)
        {
            string hedged = Hedges.Hedge(topics[0].Simple, topics[0].UnsureAbout, context.WantsUnsurePrefix, context.Hash);
            return new SimulatedAnswer { Text = hedged, Logprob = -0.9 - context.Hash.Unit(3), Source = AnswerSource.Support, Quality = AnswerQuality.Hedged };
        }

        return new SimulatedAnswer
        {
            Text = string.Join(' ', topics.Select(t => t.Wrong)),
            Logprob = -0.15 - (0.3 * context.Hash.Unit(3)),
            Source = AnswerSource.Support,
            Quality = AnswerQuality.ConfidentlyWrong,
        };
    }

    /// <summary>Finds an order-lookup tool: a function whose name mentions an order and a look-up verb.</summary>
    public static AIFunctionDeclaration? FindOrderTool(IList<AITool>? tools)
    {
        if (tools is null)
        {
            return null;
        }

        foreach (AITool tool in tools)
        {
            if (tool is AIFunctionDeclaration function)
            {
                string name = function.Name.ToLowerInvariant();
                if (name.Contains("order", StringComparison.Ordinal) &&
                    (name.Contains("status", StringComparison.Ordinal) || name.Contains("lookup", StringComparison.Ordinal) || name.Contains("look_up", StringComparison.Ordinal) ||
                     name.Contains("get", StringComparison.Ordinal) || name.Contains("track", StringComparison.Ordinal) || name.Contains("find", StringComparison.Ordinal) ||
                     name.Contains("check", StringComparison.Ordinal)))
                {
                    return function;
                }
            }
        }

        return null;
    }

    /// <summary>Finds an order number such as <c>A12345</c>, <c>ORD-1001</c> or <c>#48213</c>.</summary>
    public static string? FindOrderId(string text)
    {
        Match match = OrderIdPattern().Match(text);
        return match.Success ? match.Groups["id"].Value : null;
    }

    public static string OrderArgumentName(AIFunctionDeclaration tool)
    {
        JsonElement schema = tool.JsonSchema;
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out JsonElement properties) && properties.ValueKind == JsonValueKind.Object)
        {
            string? first = null;
            foreach (JsonProperty property in properties.EnumerateObject())
            {
                first ??= property.Name;
                if (property.Name.Contains("order", StringComparison.OrdinalIgnoreCase) || property.Name.Contains("id", StringComparison.OrdinalIgnoreCase))
                {
                    return property.Name;
                }
            }

            if (first is not null)
            {
                return first;
            }
        }

        return "order_id";
    }

    public static string DescribeOrder(string? orderId, object? result)
    {
        string text = result?.ToString() ?? string.Empty;
        string facts = text;
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                facts = string.Join(", ", document.RootElement.EnumerateObject().Select(p => $"{p.Name.Replace('_', ' ')}: {(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText())}"));
            }
        }
        catch (JsonException)
        {
            // Plain-text tool results are quoted as they are.
        }

        return orderId is null ? $"Here is what I found about your order: {facts}." : $"Here is the latest on order {orderId}: {facts}.";
    }

    private static SimulatedAnswer Confident(string text, AnswerContext context) =>
        new() { Text = text, Logprob = -0.05 - (0.2 * context.Hash.Unit(3)), Source = AnswerSource.Support, Quality = AnswerQuality.Confident };

    [GeneratedRegex(@"(?:#|\b)(?<id>(?:[A-Za-z]{1,4}-?)?\d{4,})\b")]
    private static partial Regex OrderIdPattern();

    private sealed record Topic(string Name, string[] Keywords, string Simple, string Detail, string Wrong, string UnsureAbout)
    {
        public bool Matches(string lower) => Keywords.Any(lower.Contains);
    }
}
