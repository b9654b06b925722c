using System;

namespace ConvGen.DigitCnn;

/// <summary>The same network as plain loops, for comparison: a six-deep loop per convolution and a
/// matrix-vector product for the dense layer, one image at a time.</summary>
internal static class Reference
{
    public static void Forward(Network net, ReadOnlySpan<float> image, Span<float> a1, Span<float> a2, Span<float> logits)
    {
        Conv(image, 1, 16, 16, net.W1, net.B1, 8, 3, 3, stride: 1, pad: 1, a1);
        Conv(a1, 8, 16, 16, net.W2, net.B2, 16, 3, 3, stride: 2, pad: 1, a2);
        for (int j = 0; j < Network.Classes; j++)
        {
            float sum = net.Bd[j];
            for (int i = 0; i < a2.Length; i++)
            {
                sum += net.Wd[j * a2.Length + i] * a2[i];
            }

            logits[j] = sum;
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
