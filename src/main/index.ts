import { startKoeApp } from './shell/app-lifecycle';

// The entry only composes: the shell starts Electron's app and, once ready, the core.
startKoeApp();
