import { createApp } from "vue";
import "@regiewijzer/widget";
import App from "./App.vue";

createApp(App).mount("#root");
