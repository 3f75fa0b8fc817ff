import { mount } from "svelte";
import "@regiewijzer/widget";
import App from "./App.svelte";

mount(App, { target: document.getElementById("root") });
