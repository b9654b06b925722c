using System;
using System.Collections.Generic;

namespace ConvGen.DigitCnn;

/// <summary>
/// Synthetic handwritten-like digits: a 5×7 bitmap font turned into strokes (segments between neighbouring
/// "on" cells), then drawn anti-aliased into a 16×16 image with a random size, slant, position, stroke
/// thickness and ink intensity, over a noisy background. Deterministic for a given seed.
/// </summary>
internal static class Digits
{
    public const int Size = 16;

    /// <summary>The classic 5×7 font, one string of five columns per row.</summary>
    public static readonly string[][] Font =
    [
        ["01110", "10001", "10011", "10101", "11001", "10001", "01110"], // 0
        ["00100", "01100", "00100", "00100", "00100", "00100", "01110"], // 1
        ["01110", "10001", "00001", "00010", "00100", "01000", "11111"], // 2
        ["11111", "00010", "00100", "00010", "00001", "10001", "01110"], // 3
        ["00010", "00110", "01010", "10010", "11111", "00010", "00010"], // 4
        ["11111", "10000", "11110", "00001", "00001", "10001", "01110"], // 5
        ["00110", "01000", "10000", "11110", "10001", "10001", "01110"], // 6
        ["11111", "00001", "00010", "00100", "01000", "01000", "01000"], // 7
        ["01110", "10001", "10001", "01110", "10001", "10001", "01110"], // 8
        ["01110", "10001", "10001", "01111", "00001", "00010", "01100"], // 9
    ];

    private static readonly (float X0, float Y0, float X1, float Y1)[][] Strokes = BuildStrokes();

    /// <summary>The segments joining each on cell to its on neighbours (right, down, and both down diagonals).</summary>
    private static (float, float, float, float)[][] BuildStrokes()
    {
        var all = new (float, float, float, float)[10][];
        for (int d = 0; d < 10; d++)
        {
            var segments = new List<(float, float, float, float)>();
            bool On(int r, int c) => r is >= 0 and < 7 && c is >= 0 and < 5 && Font[d][r][c] == '1';
            for (int r = 0; r < 7; r++)
            {
                for (int c = 0; c < 5; c++)
                {
                    if (!On(r, c))
                    {
                        continue;
                    }

                    bool joined = false;
                    foreach ((int dr, int dc) in new[] { (0, 1), (1, 0), (1, 1), (1, -1) })
                    {
                        bool diagonal = dr != 0 && dc != 0;
                        // A diagonal only where the corner is not already turned by orthogonal strokes.
                        if (On(r + dr, c + dc) && !(diagonal && (On(r, c + dc) || On(r + dr, c))))
                        {
                            segments.Add((c, r, c + dc, r + dr));
                            joined = true;
                        }
                    }

                    if (!joined)
                    {
                        segments.Add((c, r, c, r)); // a dot (or the end of a stroke drawn from above)
                    }
                }
            }

            all[d] = segments.ToArray();
        }

        return all;
    }

    /// <summary>Fills <paramref name="images"/> (count×256, values in 0..1) and <paramref name="labels"/>
    /// with random digits, labels balanced and shuffled.</summary>
    public static void Generate(int count, int seed, out float[] images, out int[] labels)
    {
        var rng = new Random(seed);
        images = new float[count * Size * Size];
        labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % 10;
        }

        rng.Shuffle(labels);
        for (int i = 0; i < count; i++)
        {
            Draw(labels[i], rng, images.AsSpan(i * Size * Size, Size * Size));
        }
    }

    private static void Draw(int digit, Random rng, Span<float> image)
    {
        float U(float lo, float hi) => lo + (float)rng.NextDouble() * (hi - lo);

        // Glyph cell (c, r) → image point: size, slant, centre with a random shift.
        float sx = U(1.25f, 2.0f), sy = U(1.3f, 1.75f), slant = U(-0.3f, 0.3f);
        float cx = 7.5f + U(-2f, 2f), cy = 7.5f + U(-1.5f, 1.5f);
        float radius = U(0.45f, 1.0f), ink = U(0.6f, 1.0f), background = U(0f, 0.2f), noise = U(0.03f, 0.12f);
        (float X, float Y) Map(float c, float r) => (cx + (c - 2) * sx + slant * (r - 3) * sy, cy + (r - 3) * sy);

        var segments = Strokes[digit];
        Span<float> ax = stackalloc float[segments.Length], ay = stackalloc float[segments.Length];
        Span<float> bx = stackalloc float[segments.Length], by = stackalloc float[segments.Length];
        for (int s = 0; s < segments.Length; s++)
        {
            (ax[s], ay[s]) = Map(segments[s].X0, segments[s].Y0);
            (bx[s], by[s]) = Map(segments[s].X1, segments[s].Y1);
        }

        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < Size; x++)
            {
                float best = float.MaxValue;
                for (int s = 0; s < segments.Length; s++)
                {
                    best = MathF.Min(best, DistanceSquared(x, y, ax[s], ay[s], bx[s], by[s]));
                }

                // Anti-aliased pen: full ink within the radius, fading out over one pixel.
                float coverage = Math.Clamp(radius + 0.5f - MathF.Sqrt(best), 0f, 1f);
                float gaussian = MathF.Sqrt(-2f * MathF.Log(1f - (float)rng.NextDouble())) * MathF.Cos(2f * MathF.PI * (float)rng.NextDouble());
                image[y * Size + x] = Math.Clamp(background + (ink - background) * coverage + noise * gaussian, 0f, 1f);
            }
        }
    }

    private static float DistanceSquared(float px, float py, float ax, float ay, float bx, float by)
    {
        float dx = bx - ax, dy = by - ay;
        float lengthSquared = dx * dx + dy * dy;
        float t = lengthSquared == 0 ? 0 : Math.Clamp(((px - ax) * dx + (py - ay) * dy) / lengthSquared, 0f, 1f);
        float ex = px - (ax + t * dx), ey = py - (ay + t * dy);
        return ex * ex + ey * ey;
    }
}
