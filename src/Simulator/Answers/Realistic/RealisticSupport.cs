using System.Text.Json;
using Cascade.Simulator.Configuration;
using Microsoft.Extensions.AI;

namespace Cascade.Simulator.Answers.Realistic;

/// <summary>
/// Support answers built from what the customer raised: each point found in the last user message gets the store's
/// policy sentence for it, a tool result in the conversation is reported, and an order question calls an offered
/// order-lookup tool. The model's error profile decides per request whether the answer is right, misses points
/// (wrong), hedges, refuses or stops at its output limit.
/// </summary>
internal static class RealisticSupport
{
    private const string Opening = "Thanks for getting in touch, and sorry for the trouble.";
    private const string Closing = "Is there anything else I can help with?";

    /// <summary>Answers a support message, or returns <see langword="null"/> when it raises no store point and no order.</summary>
    public static SimulatedAnswer? TryAnswer(AnswerContext context, ErrorProfileOptions profile)
    {
        string question = context.Question;
        IReadOnlyList<StorePolicy> points = StorePolicies.Detect(question);
        AIFunctionDeclaration? orderTool = SupportDomain.FindOrderTool(context.Tools);
        string? orderId = SupportDomain.FindOrderId(question);
        string lower = question.ToLowerInvariant();
        bool aboutOrder = SupportDomain.OrderWords.Any(lower.Contains);

        string? toolFacts = context.ToolResult is { } result ? SupportDomain.DescribeOrder(orderId, result.Result) : null;
        if (toolFacts is null && orderTool is not null && orderId is not null && aboutOrder && (points.Count == 0 || points.Any(p => p.Id == "late")))
        {
            string arguments = JsonSerializer.Serialize(new Dictionary<string, object?> { [SupportDomain.OrderArgumentName(orderTool)] = orderId }, SupportDomain.Compact);
            string callId = "call_" + context.Hash.Value.ToString("x16", System.Globalization.CultureInfo.InvariantCulture)[..12];
            return new SimulatedAnswer
            {
                ToolCall = new SimulatedToolCall(callId, orderTool.Name, arguments),
                Logprob = -0.02,
                Source = AnswerSource.Support,
                Quality = AnswerQuality.Confident,
            };
        }

        if (points.Count == 0 && toolFacts is null)
        {
            return null;
        }

        ErrorOutcome outcome = ErrorModel.Draw(profile, context.Hash);
        if (outcome == ErrorOutcome.Refusal)
        {
            return new SimulatedAnswer { Text = AnswerEngine.RefusalText, Logprob = ErrorModel.Logprob(profile, false, context.Hash), Source = AnswerSource.Support, Quality = AnswerQuality.Refusal };
        }

        var sentences = new List<string> { Opening };
        if (toolFacts is not null)
        {
            sentences.Add(toolFacts);
        }

        bool wrong = outcome == ErrorOutcome.Wrong;
        if (wrong && points.Count == 1)
        {
            // One point and a wrong answer: the point is answered with a confident, wrong policy.
            sentences.Add(points[0].Wrong);
        }
        else
        {
            bool[] missed = wrong ? Missed(points.Count, context.Hash) : new bool[points.Count];
            for (int i = 0; i < points.Count; i++)
            {
                if (!missed[i])
                {
                    sentences.Add(points[i].Answer);
                }
            }
        }

        sentences.Add(Closing);
        string text = string.Join(' ', sentences);
        if (outcome == ErrorOutcome.Hedged)
        {
            string about = points.Count > 0 ? "which policy applies to your case" : "the details of your order";
            text = Hedges.Hedge(string.Join(' ', sentences.Skip(1)), about, context.WantsUnsurePrefix, context.Hash);
        }

        return new SimulatedAnswer
        {
            Text = text,
            Logprob = ErrorModel.Logprob(profile, !wrong, context.Hash),
            Source = AnswerSource.Support,
            Quality = outcome switch
            {
                ErrorOutcome.Wrong => AnswerQuality.ConfidentlyWrong,
                ErrorOutcome.Hedged => AnswerQuality.Hedged,
                ErrorOutcome.CutOff => AnswerQuality.CutOff,
                _ => AnswerQuality.Confident,
            },
            CutOffFraction = outcome == ErrorOutcome.CutOff ? ErrorModel.CutOffFraction : null,
        };
    }

    /// <summary>Chooses the points a wrong answer misses: at least one, never all of them.</summary>
    private static bool[] Missed(int count, StableHash hash)
    {
        var missed = new bool[count];
        int first = hash.Pick(110, count);
        missed[first] = true;
        for (int i = 0; i < count; i++)
        {
            if (i != first && hash.Unit(111 + i) < 0.3)
            {
                missed[i] = true;
            }
        }

        if (missed.All(m => m))
        {
            missed[(first + 1) % count] = false;
        }

        return missed;
    }
}
