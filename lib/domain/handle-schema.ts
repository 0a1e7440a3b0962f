import * as z from 'zod/mini';
import { isHandle } from '@/lib/domain/handle';

/** A string that is already a normalised, valid handle (for message and storage schemas). Apart from `handle.ts` so the content script ships no zod. */
export const handleSchema = z.string().check(z.refine(isHandle, 'Not a valid TikTok handle.'));
