// The custom parts of the rts-lsp protocol, as the client sees them. editors/PROTOCOL.md is the contract;
// keep this file and that document in step.

import { RequestType, NotificationType } from 'vscode-languageclient/node';

/** Names of the server's workspace/executeCommand commands. */
export const ServerCommand = {
  run: 'rts.run',
  explain: 'rts.explain',
} as const;

/** rts/cartridgeInfo: everything the cartridge viewer shows, decoded by the server. */
export interface CartridgeInfoParams {
  uri: string;
}

export interface CartridgeSegment {
  name: string;
  /** Payload byte range [start, end). */
  start: number;
  end: number;
  kind?: string;
}

export interface CartridgeInfo {
  uri: string;
  /** The cartridge image as a PNG, base64 (the file itself or a re-encoding of its pixels). */
  pngBase64: string;
  width: number;
  height: number;
  /** Side of the Hilbert square in pixels (a power of two). */
  grid: number;
  /** Payload bytes carried by one pixel (3 for RGB, 4 for RGBA). */
  bytesPerPixel: number;
  /** The decoded payload (after decompression), base64. */
  payloadBase64: string;
  /**
   * The byte stream the pixels carry, base64, only when it differs from the payload (a compressed cartridge).
   * Pointer offsets then index this stream, and segments (payload offsets) are not shown for them.
   */
  streamBase64?: string;
  /** Hilbert index of the pixel that carries payload byte 0 (pixels before it hold a header). */
  firstPixel?: number;
  /**
   * Optional: for every pixel in row-major order, the payload byte offset it starts at, or -1.
   * Base64 of little-endian int32s. When present the client uses it instead of its own Hilbert mapping.
   */
  pixelOffsetsBase64?: string;
  segments: CartridgeSegment[];
  /** The metadata the cartridge carries (its PixelRTS tEXt chunk / manifest), as JSON. */
  metadata?: unknown;
  /** Problems found while decoding, for display. */
  problems?: { severity: 'error' | 'warning' | 'info'; message: string }[];
}

export const CartridgeInfoRequest = new RequestType<CartridgeInfoParams, CartridgeInfo, void>('rts/cartridgeInfo');

/** Arguments of the rts.run command. */
export interface RunArgs {
  /** A cartridge manifest (*.rts.meta.json) or image (*.rts.png). */
  uri: string;
  /** Optional entry point name (default: the manifest's). */
  entry?: string;
}

export interface RunResult {
  ok: boolean;
  /** "gpu" or "cpu" (wazero fallback when no adapter). */
  backend: string;
  /** The WebGPU adapter, e.g. "llvmpipe (Vulkan)". */
  adapter?: string;
  /** One line a human reads, e.g. "add(2, 3) = 5 on llvmpipe, matches wazero". */
  summary: string;
  tests?: { name: string; ok: boolean; got?: string; want?: string; message?: string }[];
  durationMs?: number;
}

/** Arguments of the rts.explain command. */
export interface ExplainArgs {
  uri: string;
  diagnostic: { range: unknown; code?: string | number; message: string; severity?: number };
}

export interface ExplainResult {
  /** The explanation, markdown. */
  markdown: string;
  /** "offline" or the model that answered. */
  source?: string;
}

/** rts/status: what the status bar shows. Sent by the server after initialize and whenever it changes. */
export interface StatusParams {
  /** "starting" | "ready" | "busy" | "error". */
  state: string;
  /** The WebGPU adapter in use, or absent/empty when the VM falls back to the CPU. */
  adapter?: string;
  backend?: 'gpu' | 'cpu';
  message?: string;
}

export const StatusNotification = new NotificationType<StatusParams>('rts/status');
