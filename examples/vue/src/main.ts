import { createApp } from 'vue';
import '../../../components/index.js'; // registers every conf-kit element (in an app: import 'conf-kit')
import App from './App.vue';

createApp(App).mount('#app');
