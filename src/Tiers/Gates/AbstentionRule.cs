using System.Text.Json.Serialization;

namespace Cascade;

/// <summary>What the gate pipeline decides when every gate abstained.</summary>
public enum AbstentionRule
{
    /// <summary>Keep the answer: no gate found fault with it. The default, for text checks that mostly reject.</summary>
    [JsonStringEnumMemberName("accept")]
    Accept,

    /// <summary>Escalate: an answer is kept only on a positive signal (a judge, agreement, logprob confidence).</summary>
    [JsonStringEnumMemberName("reject")]
    Reject,
}
