using System;

namespace ConvGen.DigitCnn;

/// <summary>The same network as plain loops, for comparison: a six-deep loop per convolution, a four-deep one per
/// max pooling and a matrix-vector product for the dense layer, one image at a time.</summary>
internal static class Reference
{
    /// <summary>Scratch of one image: a1 8×16×16, p1 8×8×8, a2 16×8×8, p2 16×4×4.</summary>
    public sealed class Scratch
    {
        public readonly float[] A1 = new float[8 * 16 * 16], P1 = new float[8 * 8 * 8], A2 = new float[16 * 8 * 8], P2 = new float[16 * 4 * 4];
    }

    public static void Forward(Network net, ReadOnlySpan<float> image, Scratch s, Span<float> logits)
    {
        Conv(image, 1, 16, 16, net.W1, net.B1, 8, 3, 3, stride: 1, pad: 1, s.A1);
        MaxPool(s.A1, 8, 16, 16, s.P1);
        Conv(s.P1, 8, 8, 8, net.W2, net.B2, 16, 3, 3, stride: 1, pad: 1, s.A2);
        MaxPool(s.A2, 16, 8, 8, s.P2);
        for (int j = 0; j < Network.Classes; j++)
        {
            float sum = net.Bd[j];
            for (int i = 0; i < s.P2.Length; i++)
            {
                sum += net.Wd[j * s.P2.Length + i] * s.P2[i];
            }

            logits[j] = sum;
        }
    }

    /// <summary>2×2 max pooling, stride 2: y[c, v, w] = max of x[c, 2v + i, 2w + j], i, j &lt; 2.</summary>
    private static void MaxPool(ReadOnlySpan<float> x, int c, int h, int w, Span<float> y)
    {
        for (int u = 0; u < c; u++)
        {
            for (int v = 0; v < h / 2; v++)
            {
                for (int ww = 0; ww < w / 2; ww++)
                {
                    float max = float.NegativeInfinity;
                    for (int i = 0; i < 2; i++)
                    {
                        for (int j = 0; j < 2; j++)
                        {
                            max = Math.Max(max, x[(u * h + 2 * v + i) * w + 2 * ww + j]);
                        }
                    }

                    y[(u * (h / 2) + v) * (w / 2) + ww] = max;
                }
            }
        }
    }

    /// <summary>Cross-correlation with zero padding, bias and LeakyReLU: s = b[u] + Σ K[u,i,p,q]·x[i, v·s−pad+p, w·s−pad+q],
    /// y[u,v,w] = s ≥ 0 ? s : 0.1·s.</summary>
    private static void Conv(ReadOnlySpan<float> x, int c, int h, int w, ReadOnlySpan<float> k, ReadOnlySpan<float> b,
        int d, int p, int q, int stride, int pad, Span<float> y)
    {
        int outH = (h + 2 * pad - p) / stride + 1, outW = (w + 2 * pad - q) / stride + 1;
        for (int u = 0; u < d; u++)
        {
            for (int v = 0; v < outH; v++)
            {
                for (int ww = 0; ww < outW; ww++)
                {
                    float sum = b[u];
                    for (int i = 0; i < c; i++)
                    {
                        for (int pp = 0; pp < p; pp++)
                        {
                            int row = v * stride - pad + pp;
                            if (row < 0 || row >= h)
                            {
                                continue;
                            }

                            for (int qq = 0; qq < q; qq++)
                            {
                                int col = ww * stride - pad + qq;
                                if (col >= 0 && col < w)
                                {
                                    sum += k[((u * c + i) * p + pp) * q + qq] * x[(i * h + row) * w + col];
                                }
                            }
                        }
                    }

                    y[(u * outH + v) * outW + ww] = sum >= 0 ? sum : (float)Network.Slope * sum;
                }
            }
        }
    }
}
