package io.ambar.feed;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The load step's reader: a {@link FeedReader} and the job's validator, run on a thread of their own up to one
 * chunk ahead of the step, so that parsing and validating the next chunk overlaps with the COPY and commit of the
 * current one (in turn they left one of the two cores idle). The step thread still takes the items one by one in
 * file order, inside its chunk transactions: what a chunk holds and commits is what it did without the read-ahead.
 * <p>
 * Restart state is the {@link FeedReader}'s as of the last item handed to the step, never as of the read-ahead, so
 * a restart resumes at the last committed line. A failure of the reader or the validator (a broken file) reaches
 * the step after the items read before it, on the read that would have met it. Spring Batch has no read-ahead
 * reader of its own (its {@code AsyncItemProcessor} overlaps processing with reading within a chunk, not with the
 * writer), hence this one.
 */
public class ReadAheadFeedReader<T> implements ItemStreamReader<Validated<T>> {

	/** Items handed over at a time: one queue operation per block rather than per line. */
	private static final int BLOCK = 512;

	private final FeedReader reader;

	private final ItemProcessor<FeedRecord, Validated<T>> validator;

	private final int blocksAhead;

	private @Nullable BlockingQueue<Block<T>> queue;

	private @Nullable Thread worker;

	private volatile boolean closing;

	private @Nullable Block<T> block;

	private int next;

	private FeedReader.@Nullable Checkpoint handedOut;

	/**
	 * @param reader the feed's reader, used by this reader only
	 * @param validator turns each record into a line or a reject; called on the read-ahead thread
	 * @param itemsAhead how many items may be read ahead of the step: its chunk size
	 */
	public ReadAheadFeedReader(FeedReader reader, ItemProcessor<FeedRecord, Validated<T>> validator,
			int itemsAhead) {
		this.reader = reader;
		this.validator = validator;
		this.blocksAhead = Math.max(2, (itemsAhead + BLOCK - 1) / BLOCK + 1);
	}

	/** Opens the feed reader (on restart it skips to the saved record on this thread), then starts reading ahead. */
	@Override
	public void open(ExecutionContext executionContext) {
		this.reader.open(executionContext);
		this.handedOut = this.reader.checkpoint();
		this.closing = false;
		this.block = null;
		BlockingQueue<Block<T>> blocks = new ArrayBlockingQueue<>(this.blocksAhead);
		this.queue = blocks;
		Thread thread = new Thread(() -> readAhead(blocks), "ambar-load-read-ahead");
		thread.setDaemon(true);
		this.worker = thread;
		thread.start();
	}

	private void readAhead(BlockingQueue<Block<T>> blocks) {
		Block<T> current = new Block<>();
		try {
			while (!this.closing) {
				FeedRecord record = this.reader.read();
				if (record == null) {
					current.end = true;
					break;
				}
				Validated<T> item = this.validator.process(record);
				if (item != null) {
					current.add(item, this.reader.checkpoint());
				}
				if (current.size == BLOCK) {
					hand(blocks, current);
					current = new Block<>();
				}
			}
		}
		catch (Throwable ex) {
			current.failure = ex;
		}
		hand(blocks, current);
	}

	/** Waits for room, giving up when the step closes the reader. */
	private void hand(BlockingQueue<Block<T>> blocks, Block<T> filled) {
		try {
			while (!this.closing) {
				if (blocks.offer(filled, 100, TimeUnit.MILLISECONDS)) {
					return;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Returns the next item in file order, or {@code null} after the last one.
	 * @throws Exception what the feed reader or the validator threw, once the items before it are handed out
	 */
	@Override
	public @Nullable Validated<T> read() throws Exception {
		BlockingQueue<Block<T>> blocks = this.queue;
		if (blocks == null) {
			throw new ItemStreamException("ReadAheadFeedReader must be opened before it is read");
		}
		Block<T> current = this.block;
		while (current == null || this.next == current.size) {
			if (current != null && (current.failure != null || current.end)) {
				return fail(current);
			}
			current = blocks.take();
			this.block = current;
			this.next = 0;
		}
		int at = this.next++;
		this.handedOut = current.checkpoints[at];
		return current.items[at];
	}

	private @Nullable Validated<T> fail(Block<T> last) throws Exception {
		Throwable failure = last.failure;
		if (failure == null) {
			return null;
		}
		if (failure instanceof Exception exception) {
			throw exception;
		}
		throw (Error) failure;
	}

	/** Saves the feed reader's state as of the last item handed to the step. */
	@Override
	public void update(ExecutionContext executionContext) {
		FeedReader.Checkpoint checkpoint = this.handedOut;
		if (checkpoint != null) {
			this.reader.update(executionContext, checkpoint);
		}
	}

	/** Stops reading ahead, waits for the thread to let go of the feed reader, then closes it. */
	@Override
	public void close() {
		this.closing = true;
		Thread thread = this.worker;
		BlockingQueue<Block<T>> blocks = this.queue;
		this.worker = null;
		this.queue = null;
		this.block = null;
		if (thread != null && blocks != null) {
			blocks.clear();
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.reader.close();
	}

	/** Items read ahead with the reader's state after each; the last block says how reading ended. */
	private static final class Block<T> {

		@SuppressWarnings("unchecked")
		final Validated<T>[] items = new Validated[BLOCK];

		final FeedReader.Checkpoint[] checkpoints = new FeedReader.Checkpoint[BLOCK];

		int size;

		boolean end;

		@Nullable Throwable failure;

		void add(Validated<T> item, FeedReader.Checkpoint checkpoint) {
			this.items[this.size] = item;
			this.checkpoints[this.size] = checkpoint;
			this.size++;
		}

	}

}
