using System;

namespace ConvGen.Pipeline;

/// <summary>
/// A 128-bit hash built incrementally: two independent 64-bit lanes (FNV-1a and a multiply-rotate mix) over the same
/// values. Used to tell whether declarations changed, so collisions must be negligible (2⁻¹²⁸), not impossible.
/// </summary>
internal struct Hash128 : IEquatable<Hash128>
{
    public ulong A;
    public ulong B;

    public Hash128()
    {
        A = 14695981039346656037UL;
        B = 0x9E3779B97F4A7C15UL;
    }

    public void Add(int value)
    {
        unchecked
        {
            A = (A ^ (uint)value) * 1099511628211UL;
            var m = (B ^ (uint)value) * 0xC2B2AE3D27D4EB4FUL;
            B = (m << 31) | (m >> 33);
        }
    }

    public void Add(ulong value)
    {
        Add((int)value);
        Add((int)(value >> 32));
    }

    public void Add(Hash128 value)
    {
        Add(value.A);
        Add(value.B);
    }

    public void Add(string text)
    {
        Add(text.Length);
        foreach (var c in text) Add(c);
    }

    public bool Equals(Hash128 other) => A == other.A && B == other.B;

    public override bool Equals(object? obj) => obj is Hash128 other && Equals(other);

    public override int GetHashCode() => unchecked((int)(A ^ (A >> 32)));
}
