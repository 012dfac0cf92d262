import { defineBackground } from 'wxt/utils/define-background';
import { registerWorker } from '@/lib/worker';

export default defineBackground(() => registerWorker());
