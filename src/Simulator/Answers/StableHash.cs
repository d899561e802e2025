namespace Cascade.Simulator.Answers;

/// <summary>A 64-bit FNV-1a hash that is the same on every run and machine, so answers are reproducible.</summary>
internal struct StableHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    private ulong _value;

    public StableHash() => _value = Offset;

    public readonly ulong Value => _value;

    public void Add(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            _value = (_value ^ c) * Prime;
        }

        _value = (_value ^ 0xFF) * Prime;
    }

    public void Add(long number)
    {
        for (int i = 0; i < 8; i++)
        {
            _value = (_value ^ (byte)(number >> (i * 8))) * Prime;
        }
    }

    /// <summary>Gets a number in [0, 1) drawn from the hash and a salt, so one request yields independent draws.</summary>
    public readonly double Unit(int salt)
    {
        ulong x = _value ^ ((ulong)salt * 0x9E3779B97F4A7C15UL);
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33;
        x *= 0xC4CEB9FE1A85EC53UL;
        x ^= x >> 33;
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>Picks one of <paramref name="count"/> options.</summary>
    public readonly int Pick(int salt, int count) => (int)(Unit(salt) * count);
}
