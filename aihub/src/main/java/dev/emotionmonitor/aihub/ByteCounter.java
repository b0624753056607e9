package dev.emotionmonitor.aihub;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Bytes a reader has consumed out of the total it expects; read by another thread for progress and ETA. */
public final class ByteCounter {

	private volatile long read;

	private volatile long total = -1;

	public long read() {
		return this.read;
	}

	/** Total bytes to read, or -1 when unknown. */
	public long total() {
		return this.total;
	}

	public void total(long total) {
		this.total = total;
	}

	public InputStream counting(InputStream in) {
		return new FilterInputStream(in) {

			@Override
			public int read() throws IOException {
				int b = super.read();
				if (b >= 0) {
					ByteCounter.this.read++;
				}
				return b;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				int n = super.read(buffer, offset, length);
				if (n > 0) {
					ByteCounter.this.read += n;
				}
				return n;
			}

			@Override
			public long skip(long n) throws IOException {
				long skipped = super.skip(n);
				ByteCounter.this.read += skipped;
				return skipped;
			}
		};
	}
}
