import type { Disposable } from './contract.js';

/**
 * The `onDidX(listener) → Disposable` pattern in one place. A throwing listener is isolated so one
 * broken subscriber (a closed window, say) cannot stop the others from hearing about a change.
 */
export class ListenerSet<T> {
  readonly #listeners = new Set<(value: T) => void>();
  readonly #onError: (error: unknown) => void;

  constructor(onError: (error: unknown) => void = () => undefined) {
    this.#onError = onError;
  }

  add(listener: (value: T) => void): Disposable {
    // Wrap so the same function can subscribe twice and each Disposable removes only its own.
    const entry = (value: T) => listener(value);
    this.#listeners.add(entry);
    return { dispose: () => void this.#listeners.delete(entry) };
  }

  emit(value: T): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(value);
      } catch (error) {
        this.#onError(error);
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}
