import './mantine-signed-in.css';
