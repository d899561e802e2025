using System.Diagnostics;
using System.Diagnostics.Metrics;
using Cascade.Simulator.Billing;

namespace Cascade.Simulator.Telemetry;

/// <summary>
/// The provider-side telemetry of the simulator: one meter, <see cref="MeterName"/>, with the calls and the tokens it
/// billed, and GenAI tags on the request's span. Recorded once per call, when its billing is final.
/// </summary>
public sealed class SimulatorTelemetry
{
    /// <summary>The meter name (exported by ServiceDefaults under <c>Cascade.*</c>).</summary>
    public const string MeterName = "Cascade.Simulator";

    /// <summary>Instrument: provider calls, by model, API, outcome and injected fault.</summary>
    public const string Calls = "cascade.simulator.calls";

    /// <summary>Instrument: tokens billed, by model and <c>gen_ai.token.type</c> (<c>input</c>, <c>output</c>).</summary>
    public const string BilledTokens = "cascade.simulator.billed_tokens";

    /// <summary>Instrument: USD billed, by model.</summary>
    public const string BilledCost = "cascade.simulator.billed_cost";

    private readonly Counter<long> _calls;
    private readonly Counter<long> _tokens;
    private readonly Counter<double> _cost;

    /// <summary>Initializes the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public SimulatorTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Meter meter = meterFactory.Create(MeterName);
        _calls = meter.CreateCounter<long>(Calls, "{call}", "Provider calls received by the simulator.");
        _tokens = meter.CreateCounter<long>(BilledTokens, "{token}", "Tokens the simulated provider billed.");
        _cost = meter.CreateCounter<double>(BilledCost, "USD", "USD the simulated provider billed at the price file's prices.");
    }

    /// <summary>Records a finished call.</summary>
    public void Record(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var model = new KeyValuePair<string, object?>("gen_ai.request.model", entry.Model);
        _calls.Add(1, model, new("cascade.simulator.api", entry.Api), new("cascade.simulator.outcome", entry.Outcome.ToString()), new("cascade.simulator.fault", entry.Fault ?? "none"));
        if (entry.InputTokens > 0)
        {
            _tokens.Add(entry.InputTokens, model, new("gen_ai.token.type", "input"));
        }

        if (entry.OutputTokens > 0)
        {
            _tokens.Add(entry.OutputTokens, model, new("gen_ai.token.type", "output"));
        }

        if (entry.CostUsd is > 0 and { } cost)
        {
            _cost.Add((double)cost, model);
        }

        if (Activity.Current is { } activity)
        {
            activity.SetTag("gen_ai.request.model", entry.Model);
            activity.SetTag("gen_ai.usage.input_tokens", entry.InputTokens);
            activity.SetTag("gen_ai.usage.output_tokens", entry.OutputTokens);
            activity.SetTag("cascade.request_id", entry.RequestId);
            activity.SetTag("cascade.simulator.outcome", entry.Outcome.ToString());
            if (entry.Fault is not null)
            {
                activity.SetTag("cascade.simulator.fault", entry.Fault);
            }
        }
    }
}
